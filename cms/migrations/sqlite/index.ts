import * as migration_20261122_090046_initial from './20261122_090046_initial';

export const migrations = [
  {
    up: migration_20261122_090046_initial.up,
    down: migration_20261122_090046_initial.down,
    name: '20261122_090046_initial'
  },
];
