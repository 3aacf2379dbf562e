/**
 * `answer-without-story`: a behavioural prompt ("Tell me about a time you…") answered in your own
 * words with principles and no event: reference notes in your own voice, or a "story" told only as
 * how you work in general. It speaks only where you wrote an answer of your own, in your notes.
 */
import type { PrepDoc, Section } from '../parse';
import type { Range } from '../types';
import { defineRule } from './types';

/** A heading that asks for one real event: "Tell me about a time…", "Describe a situation where…", "Give an example of a time…". */
const PROMPT =
  /^(?:\d+[.)]\s*|q\d*[.:)]\s*)?(?:tell (?:me|us) about|describe|give (?:me |us )?an example of|walk (?:me|us) through|share|talk (?:me |us )?(?:about|through))\s+(?:a|an|one|the last|your last|the most recent)\s+(?:(?:specific|recent|particular|difficult|tough|hard|challenging)\s+)?(?:time|situation|occasion|moment|instance|example|project|decision|conflict|failure|mistake)\b/i;

/** The writer answering in the first person, in the present or in general ("My approach…", "I use…", "I believe…"). */
const FIRST_PERSON = /\b(?:I|[Mm]y|[Mm]e|I'm|I’m|I've|I’ve)\b/;

/** A sentence that states how you work in general: "My approach is…", "I always…", "I believe…". */
const GENERAL = /\b(?:my (?:approach|rule|way|philosophy|principle|process|framework|strategy|style|method)|I (?:always|usually|generally|typically|tend to|believe|think|try to|like to|prefer|start (?:with|by)|focus on|make sure|use))\b/i;

/** A pointer to a story kept elsewhere, or a plan to write one: not an answer without a story. */
const POINTER = /\b(?:use (?:my|the) [^.\n]{0,40}\bstory|see (?:my|the|above|below)|story (?:about|from|of)|(?:todo|tbd|to do)\b|\]\()/i;

/** Words that tell an event: a time ("last year", a year), "at my last job", "once,", and past-tense verbs of your own or the team's ("I led", "we shipped"). */
const EVENT = /\b(?:last (?:year|quarter|month|week|spring|summer|autumn|fall|winter)|(?:19|20)\d\d|(?:at|in) my (?:last|previous|first) (?:job|company|role)|once,|one time|I (?:was|had|led|ran|made|took|chose|found|saw|told|built|got|went|set|cut|wrote|learnt|[a-z]+ed)\b|we (?:were|had|did|made|built|ran|found|[a-z]+ed)\b)/i;

/** How many words an answer needs before it is judged (a one-line note is a reminder, not an answer). */
const MIN_WORDS = 20;

export const answerWithoutStory = defineRule({
  id: 'answer-without-story',
  description: 'A "tell me about a time" question answered with principles and no real event',
  defaultSeverity: 'info',
  fixable: false,
  sections: ['reference', 'story'],
  options: {},
  examples: {
    valid: [
      '---\nloop: pm\n---\n\n## Tell me about a time you decided with incomplete data\n\nLast spring our churn data was a month late. I picked the two accounts that had called support, ran the call with them myself and chose to ship the fix; churn fell from 4% to 3%.\n',
    ],
    invalid: [
      '---\nloop: pm\n---\n\n## Tell me about a time you decided with incomplete data\n\nAmbiguity is part of the job. My approach is to embrace it, communicate often and decide when I have about seventy percent of the information, then adjust as I learn more.\n',
    ],
  },
  check({ doc, report }) {
    // A guide's or template's answers are examples for a reader, not yours to tell.
    if (doc.genre) return;
    for (const section of doc.sections) {
      // A story section here is one told as how you work ("I run refinement twice a week"): judged
      // the same, but only when it says so in general terms, as the event test alone is thin.
      if (section.kind !== 'reference' && section.kind !== 'story') continue;
      for (const prompt of promptsIn(doc, section)) {
        const body = prompt.body;
        const words = body.match(/[\p{L}\p{N}’']+/gu) ?? [];
        if (words.length < MIN_WORDS) continue;
        const sentences = body.split(/(?<=[.!?])\s+|\n\s*[-*+]\s+|\n\s*\n/).filter((s) => s.trim());
        const mine = sentences.filter((s) => FIRST_PERSON.test(s));
        // Your own answer: two sentences in the first person, one that opens the answer, or one that says how you work.
        if (!mine.length || (mine.length < 2 && sentences[0] !== mine[0] && !mine.some((x) => GENERAL.test(x)))) continue;
        if (EVENT.test(body) || POINTER.test(body)) continue;
        if (section.kind === 'story' && !mine.some((x) => GENERAL.test(x))) continue;
        const said = mine[0].trim().replace(/\s+/g, ' ');
        report({
          range: prompt.range,
          message:
            `This answers a "tell me about a time" question without telling a time: it gives your approach ("${said.length > 80 ? `${said.slice(0, 79)}…` : said}") but no event. ` +
            'A panel asking for a time wants one real example: the situation in a sentence, what you did, and what changed. Keep the principle as the lesson at the end.',
        });
      }
    }
  },
});

/** The behavioural prompt headings in a section (its own heading and any below it), each with the prose under it up to the next heading. */
function promptsIn(doc: PrepDoc, section: Section): { range: Range; body: string }[] {
  const out: { range: Range; body: string }[] = [];
  const start = section.range.start.offset;
  const own = doc.prose.slice(start, section.range.end.offset);
  const headings = [...own.matchAll(/^(#{1,6})[ \t]+(.+?)[ \t#]*$/gm)];
  headings.forEach((h, i) => {
    if (!PROMPT.test(h[2].replace(/[*_`]/g, '').trim())) return;
    const at = start + h.index;
    const to = start + (headings[i + 1]?.index ?? own.length);
    out.push({ range: doc.lines.range(at, at + h[0].length), body: doc.prose.slice(at + h[0].length, to) });
  });
  return out;
}
