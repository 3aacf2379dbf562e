/**
 * Drill evidence in its sense (src/core/lexicon.ts senses, src/core/drill-evidence.ts): a word
 * that names a drill's vocabulary in another sense is no evidence for the drill.
 */
import { describe, expect, it } from 'vitest';
import { coveredDrillsIn, judgeDrills } from '../../src/core/drill-evidence';
import { findTerms } from '../../src/core/lexicon';

const covers = (text: string) => [...coveredDrillsIn(text).keys()];
const terms = (text: string) => findTerms(text).filter((e) => !e.mention).map((e) => e.term);

describe('SQL is the writer pulling numbers, not a warehouse being kept running', () => {
  it('a warehouse cluster, its queries and its dashboards in a pipeline fix are not SQL work', () => {
    const text =
      'The nightly loads and the finance queries kept stalling one Snowflake cluster, so I moved the loads to a second warehouse node and pointed the dashboards at a read replica.';
    expect(judgeDrills(text).get('sql')?.evidence ?? []).toEqual([]);
    expect(terms(text)).not.toContain('query');
  });

  it('still counts the writer querying the warehouse', () => {
    expect(covers('I queried the orders table in Snowflake and built a dashboard that showed which plans went quiet.')).toContain('sql');
    expect(terms('I ran a query against BigQuery to size the drop.')).toEqual(expect.arrayContaining(['query', 'bigquery']));
  });
});

describe('a dependency counts between teams, not between parts of one codebase', () => {
  it('features of the same code that depend on each other are not the dependencies drill', () => {
    const text = 'I wired the export button and the two reports that depend on it, and I sorted those dependencies out in the billing code.';
    expect(judgeDrills(text).get('dependencies')?.evidence ?? []).toEqual([]);
  });

  it('a dependency on another team or in the release plan counts', () => {
    expect(terms('Our launch depended on the identity team shipping the new login API first.')).toContain('depend on');
    expect(terms('I mapped every dependency before the release and raised the risky ones early.')).toContain('dependency');
  });
});

describe('margin in its business sense', () => {
  it('margin lending and margin calls are a trading product, not unit economics', () => {
    expect(terms('I owned the margin lending journey, from collateral checks to margin calls.')).not.toContain('margin');
    expect(terms('I first mapped what the old margin system did well and where it broke.')).not.toContain('margin');
    expect(terms('Each extra seat cut our margin on the starter plan.')).toContain('margin');
  });
});

describe('outcome words named in passing do not make a metrics story', () => {
  it('churn avoided and revenue earned, with nothing measured, do not cover the metrics drill', () => {
    const text = 'I kept the customer from churning during the rewrite by showing them progress every week. The deal that followed brought in a lot of revenue.';
    const j = judgeDrills(text).get('metrics-economics');
    expect(j?.covered ?? false).toBe(false);
    expect(j?.ignored.map((x) => x.why)).toEqual(['unmeasured', 'unmeasured']);
  });

  it('churn and revenue measured still count', () => {
    expect(covers('Monthly churn fell from 6% to 4%, and revenue per account rose by a fifth.')).toContain('metrics-economics');
  });
});

describe('a Scrum role named is not Scrum work shown', () => {
  it('a certification or a side role in an introduction does not cover Scrum mechanics', () => {
    const text = 'I hold a Scrum Master certificate. I also work as an Agile coach for two clients.';
    expect(covers(text)).not.toContain('scrum-mechanics');
    expect(judgeDrills(text).get('scrum-mechanics')?.ignored.map((x) => x.why)).toEqual(['mention', 'mention']);
  });

  it('the role beside the Scrum work counts', () => {
    expect(terms('The Scrum Master and I cut refinement down to one session a week.')).toContain('scrum master');
    expect(terms('Together with our Scrum Master I trimmed the board to four columns and agreed what done means.')).toContain('scrum master');
  });
});
