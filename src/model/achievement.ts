import type { AchievementType } from './constants.js';

/** An image: a URI (https or data:) with optional caption. */
export interface Image {
  id: string;
  type: 'Image';
  caption?: string;
}

/** How the achievement is earned: a URL to the criteria and/or a narrative (Markdown allowed). */
export interface Criteria {
  id?: string;
  narrative?: string;
}

/** A link to a standard, framework item or competency the achievement aligns to. */
export interface Alignment {
  type: ['Alignment'] | string[];
  targetName: string;
  targetUrl: string;
  targetDescription?: string;
  targetFramework?: string;
  targetCode?: string;
  targetType?:
    | 'ceasn:Competency'
    | 'ceterms:Credential'
    | 'CFItem'
    | 'CFRubric'
    | 'CFRubricCriterion'
    | 'CFRubricCriterionLevel'
    | 'CTDL'
    | `ext:${string}`;
}

/** One level of a rubric criterion (e.g. "Proficient"). */
export interface RubricCriterionLevel {
  id: string;
  type: ['RubricCriterionLevel'] | string[];
  name: string;
  description?: string;
  level?: string;
  points?: string;
  alignment?: Alignment[];
}

/** What a result of this achievement can be, e.g. a rubric with levels. */
export interface ResultDescription {
  id: string;
  type: ['ResultDescription'] | string[];
  name: string;
  resultType:
    | 'GradePointAverage'
    | 'LetterGrade'
    | 'Percent'
    | 'PerformanceLevel'
    | 'PredictedScore'
    | 'RawScore'
    | 'Result'
    | 'RubricCriterion'
    | 'RubricCriterionLevel'
    | 'RubricScore'
    | 'ScaledScore'
    | 'Status'
    | `ext:${string}`;
  allowedValue?: string[];
  requiredLevel?: string;
  requiredValue?: string;
  rubricCriterionLevel?: RubricCriterionLevel[];
  valueMax?: string;
  valueMin?: string;
  alignment?: Alignment[];
}

/** A person or organisation (the issuer, a creator, an endorser). */
export interface Profile {
  id: string;
  type: ['Profile'] | string[];
  name?: string;
  url?: string;
  email?: string;
  phone?: string;
  description?: string;
  image?: Image;
  [extension: string]: unknown;
}

/** What was achieved: the competency, its criteria, rubric and alignments. */
export interface Achievement {
  id: string;
  type: ['Achievement'] | string[];
  name: string;
  description: string;
  criteria: Criteria;
  achievementType?: AchievementType;
  alignment?: Alignment[];
  resultDescription?: ResultDescription[];
  image?: Image;
  tag?: string[];
  version?: string;
  creditsAvailable?: number;
  fieldOfStudy?: string;
  specialization?: string;
  humanCode?: string;
  inLanguage?: string;
  creator?: Profile;
  related?: { id: string; type: ['Related'] | string[]; version?: string; inLanguage?: string }[];
  otherIdentifier?: IdentifierEntry[];
  [extension: string]: unknown;
}

/** An identifier of the achievement in another system. */
export interface IdentifierEntry {
  type: 'IdentifierEntry';
  identifier: string;
  identifierType: string;
}
