// The 57 MMLU subjects and their four categories, as grouped by the original release (Hendrycks et al., 2021).

export type MmluCategory = 'stem' | 'humanities' | 'social_sciences' | 'other';

export const CATEGORY_LABELS: Record<MmluCategory, string> = {
  stem: 'STEM',
  humanities: 'Humanities',
  social_sciences: 'Social sciences',
  other: 'Other (business, health, misc.)',
};

const GROUPS: Record<MmluCategory, string[]> = {
  stem: [
    'abstract_algebra', 'astronomy', 'college_biology', 'college_chemistry', 'college_computer_science',
    'college_mathematics', 'college_physics', 'computer_security', 'conceptual_physics', 'electrical_engineering',
    'elementary_mathematics', 'high_school_biology', 'high_school_chemistry', 'high_school_computer_science',
    'high_school_mathematics', 'high_school_physics', 'high_school_statistics', 'machine_learning',
  ],
  humanities: [
    'formal_logic', 'high_school_european_history', 'high_school_us_history', 'high_school_world_history',
    'international_law', 'jurisprudence', 'logical_fallacies', 'moral_disputes', 'moral_scenarios', 'philosophy',
    'prehistory', 'professional_law', 'world_religions',
  ],
  social_sciences: [
    'econometrics', 'high_school_geography', 'high_school_government_and_politics', 'high_school_macroeconomics',
    'high_school_microeconomics', 'high_school_psychology', 'human_sexuality', 'professional_psychology',
    'public_relations', 'security_studies', 'sociology', 'us_foreign_policy',
  ],
  other: [
    'anatomy', 'business_ethics', 'clinical_knowledge', 'college_medicine', 'global_facts', 'human_aging',
    'management', 'marketing', 'medical_genetics', 'miscellaneous', 'nutrition', 'professional_accounting',
    'professional_medicine', 'virology',
  ],
};

/** MMLU-Pro's 14 categories (its `category` column), placed in the same four groups. */
const PRO_GROUPS: Record<MmluCategory, string[]> = {
  stem: ['biology', 'chemistry', 'computer science', 'engineering', 'math', 'physics'],
  humanities: ['history', 'law', 'philosophy'],
  social_sciences: ['economics', 'psychology'],
  other: ['business', 'health', 'other'],
};

function invert(groups: Record<MmluCategory, string[]>): Map<string, MmluCategory> {
  const out = new Map<string, MmluCategory>();
  for (const [category, subjects] of Object.entries(groups)) for (const s of subjects) out.set(s, category as MmluCategory);
  return out;
}

export const SUBJECT_CATEGORY: ReadonlyMap<string, MmluCategory> = invert(GROUPS);
const PRO_CATEGORY = invert(PRO_GROUPS);

/** The 57 subject ids in alphabetical order. */
export const MMLU_SUBJECTS: readonly string[] = [...SUBJECT_CATEGORY.keys()].sort();

/** Subject ids are snake_case: "High School Physics" and "high-school-physics" both read high_school_physics. */
export function normalizeSubject(name: string): string {
  return name.trim().toLowerCase().replace(/[\s-]+/g, '_');
}

/** The category of a subject; a subject outside MMLU and MMLU-Pro counts as 'other'. */
export function categoryOf(subject: string): MmluCategory {
  return SUBJECT_CATEGORY.get(normalizeSubject(subject)) ?? PRO_CATEGORY.get(subject.trim().toLowerCase().replace(/_/g, ' ')) ?? 'other';
}
