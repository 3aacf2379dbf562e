/** Show Coverage: a live webview with the loop × axis × drill matrix of the workspace's prep docs (see coveragePanel.ts). */
import type { PrepCommand } from './types';

export const showCoverage: PrepCommand = {
  id: 'prepLoop.showCoverage',
  async run(services) {
    const { coverage, gaps } = await services.coverage.show();
    return { docs: coverage.docs, stories: coverage.stories.length, gaps };
  },
};

/** What the coverage page shows: `{ open, renders, version, shownVersion, ids, tabStops, stories, gaps }`. */
export const coverageStateCommand: PrepCommand = {
  id: 'prepLoop._coverage',
  run: (services) => services.coverage.current,
};

/** Runs a coverage item's action by its id, exactly as the page does when it is clicked or gets Enter. */
export const coverageActCommand: PrepCommand = {
  id: 'prepLoop._coverageAct',
  run: (services, id) => (typeof id === 'string' ? services.coverage.act(id) : false),
};

/** Presses keys in the coverage page from an item (`{ start, keys }`); answers the focused item id after each. */
export const coverageKeysCommand: PrepCommand = {
  id: 'prepLoop._coverageKeys',
  run(services, arg) {
    const a = typeof arg === 'object' && arg !== null ? (arg as { start?: unknown; keys?: unknown }) : {};
    return typeof a.start === 'string' && Array.isArray(a.keys) ? services.coverage.keys(a.start, a.keys.map(String)) : [];
  },
};

/**
 * Waits until the coverage page shows the latest coverage (`{ storyId?, gone?, ms? }`: and lists that
 * story id, or no longer lists it); resolves with the page state. A barrier for tests instead of sleeping.
 */
export const coverageSettledCommand: PrepCommand = {
  id: 'prepLoop._coverageSettled',
  run(services, arg) {
    const a = typeof arg === 'object' && arg !== null ? (arg as { storyId?: unknown; gone?: unknown; ms?: unknown }) : {};
    const id = typeof a.storyId === 'string' ? a.storyId : undefined;
    const gone = typeof a.gone === 'string' ? a.gone : undefined;
    return services.coverage.settled((s) => (!id || s.ids.includes(id)) && (!gone || !s.ids.includes(gone)), typeof a.ms === 'number' ? a.ms : 10_000);
  },
};
