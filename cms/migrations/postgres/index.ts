import * as migration_20261122_090108_initial from './20261122_090108_initial';
import * as migration_20261206_194624_schedule_run_state_in_kv from './20261206_194624_schedule_run_state_in_kv';
import * as migration_20261206_234654_webhooks from './20261206_234654_webhooks';
import * as migration_20261207_010000_search_index from './20261207_010000_search_index';

export const migrations = [
  {
    up: migration_20261122_090108_initial.up,
    down: migration_20261122_090108_initial.down,
    name: '20261122_090108_initial',
  },
  {
    up: migration_20261206_194624_schedule_run_state_in_kv.up,
    down: migration_20261206_194624_schedule_run_state_in_kv.down,
    name: '20261206_194624_schedule_run_state_in_kv',
  },
  {
    up: migration_20261206_234654_webhooks.up,
    down: migration_20261206_234654_webhooks.down,
    name: '20261206_234654_webhooks'
  },
  {
    up: migration_20261207_010000_search_index.up,
    down: migration_20261207_010000_search_index.down,
    name: '20261207_010000_search_index',
  },
];
