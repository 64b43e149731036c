// The AIME-style math suite: the bundled sample, the user's own math files, and the R1 math prompt.
export { loadAimeSample, AIME_SAMPLE_ID, AIME_SAMPLE_VERSION } from './sample.ts';
export { loadMathFile, loadAimeFile, validateAimeAnswers, isAimeAnswer } from './loader.ts';
export { mathPrompt, MATH_PROMPT_SUFFIX } from './prompt.ts';
export { lastBoxed } from './boxed.ts';
