// The patterns multiple-choice extraction looks for, in two ranks. An explicit answer statement
// (an answer line, "the answer is", "the correct option is", a box, "I choose") outranks a mere mention
// of an option ("(C) is correct", "option B is the right choice", a bare or bolded option line) after it.
// Each pattern names its letter `l`, and the marks around it `o`/`c` where a bare letter could be a word.

const OPEN = String.raw`[(\[{"'\u201c\u2018\u00ab]`;
const CLOSE = String.raw`[)\]}"'\u201d\u2019\u00bb]`;
/** A letter that may be a word ("a", "I"): its marks are captured so that the caller can tell. */
const LETTER = String.raw`(?<o>${OPEN}?)(?<l>[A-J])\b(?<c>${CLOSE}?)`;
/** A letter in marks, or an upper-case one: "(C)", "'C'", "C". */
const MARKED = String.raw`${OPEN}?(?<l>[A-J])\b${CLOSE}?`;
const KIND = String.raw`(?:(?:option|choice|letter)\s*)?`;
const ADVERB = String.raw`(?:(?:therefore|thus|hence|clearly|definitely|certainly|indeed|then|so|actually|obviously|most\s+likely|likely|probably)\s*,?\s*)?`;
const VERB = String.raw`(?:is|would\s+be|should\s+be|must\s+be|will\s+be|remains|has\s+to\s+be)`;
const ANSWER = String.raw`\b(?:(?:final|best|correct|right|true|my)\s+)?answer(?:\s+(?:choice|option|letter))?`;

export interface ChoicePattern {
  re: RegExp;
  /** An explicit answer statement (true) or a mention of an option (false). */
  strong: boolean;
  /** The letter may be a word ("answer is a bit…"): check its marks and what follows. */
  mayBeWord: boolean;
}

const re = (source: string) => new RegExp(source, 'dgi');

const BASIC: ChoicePattern[] = [
  // "answer is C", "Final answer: D", "The best answer is: (B)", "ANSWER: 'B'", "answer is therefore option C".
  { re: re(String.raw`${ANSWER}\s*(?:${VERB}\b\s*)?${ADVERB}(?:[:=]|-(?!\w))?\s*${KIND}${LETTER}`), strong: true, mayBeWord: true },
  // "the correct option is (C)", "best choice: B".
  { re: re(String.raw`\b(?:correct|best|right|final)\s+(?:option|choice)\s*(?:${VERB}\b)?\s*${ADVERB}:?\s*${LETTER}`), strong: true, mayBeWord: true },
  // "I choose (C)", "I'll go with B", "I would select option D".
  { re: re(String.raw`\bI\s*(?:would\s+|will\s+|['\u2019]ll\s+|['\u2019]d\s+)?(?:choose|pick|select|go\s+with|opt\s+for)\s+(?:option\s+|choice\s+|answer\s+)?${LETTER}`), strong: true, mayBeWord: true },

  // \boxed{C}, \boxed{(C)}, \boxed{C. text}; a boxed number or word is no letter.
  { re: /\\(?:boxed|fbox)\s*\{\s*[([]?(?<l>[A-Ja-j])[)\]]?(?:[.:)]\s*[^{}]*)?\s*\}/dg, strong: true, mayBeWord: false },
  // "(C) is the correct answer", "Option B is the answer", "D is the best choice": said of an option, a mention.
  {
    re: re(String.raw`(?:\b(?:option|choice)\s+)?${LETTER}\s+is\s+(?:the\s+)?(?:(?:correct|right|best|final|only\s+correct)\s+)?(?:answer|choice|option|one)\b`),
    strong: false,
    mayBeWord: true,
  },
  // "(C) is correct", "making (A) correct".
  { re: re(String.raw`[([](?<l>[A-J])[)\]]\s+(?:is\s+)?(?:the\s+)?(?:correct|right)\b`), strong: false, mayBeWord: false },
  // "option B is correct".
  { re: re(String.raw`\b(?:option|choice)\s+${MARKED}\s+is\s+(?:the\s+)?(?:correct|right)\b`), strong: false, mayBeWord: false },
  // A line that holds only a letter: "B", "(B)", "**B**".
  { re: /^[ \t>-]*[([]?(?<l>[A-J])[)\]]?\.?[ \t]*$/dgm, strong: false, mayBeWord: false },
];

const NEGATION = String.raw`(?:${VERB}\s+(?:definitely\s+|certainly\s+|clearly\s+)?(?:not|neither)|(?:would|should|must|will|can|could)\s+not\s+be|(?:won|shouldn|mustn)['\u2019]t\s+be|isn['\u2019]t|(?:cannot|can['\u2019]t|could\s*not|couldn['\u2019]t|wouldn['\u2019]t)\s+be|:\s*not)`;
const NEGATED_LIST = String.raw`${KIND}${OPEN}?[A-J]\b${CLOSE}?(?:\s*(?:,|or|nor|and)\s*(?:or\s+|nor\s+)?${KIND}${OPEN}?[A-J]\b${CLOSE}?)*`;
const TURN = String.raw`(?:\s*[,;:.!\u2014\u2013]|\s+-|(?=\s+(?:but|rather|instead)\b))`;
const INTRO = String.raw`(?<intro>(?:(?:but|rather|instead|so|thus|hence|therefore)\s*,?\s*)+(?:(?:it|this)\s*(?:['\u2019]s|${VERB})\s*)?|(?:(?:it|this)\s*(?:['\u2019]s|${VERB})\s*)|(?:the\s+)?(?:correct|right|real)\s+(?:one|option|choice)\s+is\s*)?`;

/**
 * "The answer is not (A); it is (C)", "The answer isn't A but C", "The answer is neither A nor B: it's D":
 * the negated letters never count; the letter after the turn does. Without a word that introduces it
 * ("but", "it is"), that letter must stand in marks or before punctuation ("…not A; (C).").
 */
const NEGATED_RE = re(String.raw`(?:${ANSWER}|\b(?:correct|best|right|final)\s+(?:option|choice))\s*${NEGATION}\s+${NEGATED_LIST}${TURN}\s*${INTRO}${KIND}${LETTER}`);

/** Every pattern, in no particular order: ranks and positions decide. */
export const PATTERNS: ChoicePattern[] = [...BASIC, { re: NEGATED_RE, strong: true, mayBeWord: true }];
