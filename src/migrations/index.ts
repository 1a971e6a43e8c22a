import * as migration_20261122_011621_initial from './20261122_011621_initial';

export const migrations = [
  {
    up: migration_20261122_011621_initial.up,
    down: migration_20261122_011621_initial.down,
    name: '20261122_011621_initial'
  },
];
