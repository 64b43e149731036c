// GPQA (gpqa:PATH): graduate-level four-option questions, options shuffled per sample.
export { loadGpqaFile, gpqaItem, gpqaSample, GPQA_SAMPLES, GPQA_VERSION, OPTION_COLUMNS, type GpqaQuestion } from './load.ts';
export { optionOrder } from './shuffle.ts';
