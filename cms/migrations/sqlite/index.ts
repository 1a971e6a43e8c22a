import * as migration_20261122_090046_initial from './20261122_090046_initial';
import * as migration_20261206_194610_schedule_run_state_in_kv from './20261206_194610_schedule_run_state_in_kv';
import * as migration_20261206_234623_webhooks from './20261206_234623_webhooks';
import * as migration_20261207_010000_search_index from './20261207_010000_search_index';
import * as migration_20261207_040000_search_index_at_scale from './20261207_040000_search_index_at_scale';

export const migrations = [
  {
    up: migration_20261122_090046_initial.up,
    down: migration_20261122_090046_initial.down,
    name: '20261122_090046_initial',
  },
  {
    up: migration_20261206_194610_schedule_run_state_in_kv.up,
    down: migration_20261206_194610_schedule_run_state_in_kv.down,
    name: '20261206_194610_schedule_run_state_in_kv',
  },
  {
    up: migration_20261206_234623_webhooks.up,
    down: migration_20261206_234623_webhooks.down,
    name: '20261206_234623_webhooks'
  },
  {
    up: migration_20261207_010000_search_index.up,
    down: migration_20261207_010000_search_index.down,
    name: '20261207_010000_search_index',
  },
  {
    up: migration_20261207_040000_search_index_at_scale.up,
    down: migration_20261207_040000_search_index_at_scale.down,
    name: '20261207_040000_search_index_at_scale',
  },
];
