import * as migration_20261122_013912_initial from './20261122_013912_initial';

export const migrations = [
  {
    up: migration_20261122_013912_initial.up,
    down: migration_20261122_013912_initial.down,
    name: '20261122_013912_initial'
  },
];
