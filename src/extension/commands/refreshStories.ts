/** Refresh (Prep Stories view): rescans the workspace's prep docs. */
import type { PrepCommand } from './types';

export const refreshStories: PrepCommand = {
  id: 'prepLoop.refreshStories',
  run(services) {
    services.stories.refresh();
    return true;
  },
};
