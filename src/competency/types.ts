// The competency definition format: what a PD platform writes once per micro-credential.
// schemas/competency-definition.schema.json is the JSON Schema of this shape.
import type { Alignment } from '../model/achievement.js';
import type { AchievementType } from '../model/constants.js';

/** One rubric level of a component, e.g. "Proficient" (passing) or "Not yet" (not passing). */
export interface RubricLevel {
  /** Stable slug, unique within the component, e.g. `proficient`. */
  id: string;
  name: string;
  description?: string;
  /** True when this level meets the standard for the component. At least one level must pass. */
  passing: boolean;
  points?: number;
}

/** An artifact the candidate must (or may) submit for a component. */
export interface ArtifactRequirement {
  /** Stable slug, unique within the component, e.g. `lesson-plan`. */
  id: string;
  name: string;
  description?: string;
  /** OB 3.0 Evidence.genre, e.g. "Lesson plan", "Student work sample", "Video". */
  genre?: string;
  /** Defaults to true. */
  required?: boolean;
}

/** A reflection prompt the candidate answers in writing. */
export interface ReflectionPrompt {
  /** Stable slug, unique within the component. */
  id: string;
  prompt: string;
  /** Minimum words for the answer (0 or absent: any non-empty answer). */
  minWords?: number;
  /** Defaults to true. */
  required?: boolean;
}

/** One part of the practice that must be visible in the evidence. */
export interface Component {
  /** Stable slug, unique within the definition, e.g. `plan`. */
  id: string;
  name: string;
  description: string;
  evidence: { artifacts: ArtifactRequirement[]; reflection?: ReflectionPrompt[] };
  /** Levels listed from highest to lowest, the passing ones first (the last passing one is the required level). */
  rubric: { levels: RubricLevel[] };
}

/** A standard or framework item the micro-credential aligns to (compiles to OB 3.0 Alignment). */
export interface AlignmentTarget {
  framework?: string;
  name: string;
  url: string;
  code?: string;
  description?: string;
  type?: Alignment['targetType'];
}

/** A reference to another definition, by id and optional version. */
export interface DefinitionRef {
  id: string;
  version?: string;
  name?: string;
}

/** The issuer as a definition names it; `id` is the issuing DID and must match the key at issue time. */
export interface DefinitionIssuer {
  id?: string;
  name: string;
  url?: string;
  email?: string;
  description?: string;
  image?: string;
}

/**
 * One micro-credential, as a platform describes it (YAML or JSON).
 * Either `components` (evidence reviewed against a rubric) or `stack` (earned by holding other
 * micro-credentials) says how it is earned.
 */
export interface CompetencyDefinition {
  /** Stable URI of this micro-credential, e.g. `https://pd.example.org/microcredentials/formative-assessment`. */
  id: string;
  /** Version of the definition, e.g. `1.0.0`; the compiled Achievement id depends on id + version only. */
  version: string;
  name: string;
  description: string;
  issuer: DefinitionIssuer;
  /** URL of the badge image (https or data:). */
  image?: string;
  /** The one-sentence competency, e.g. "The educator uses formative assessment data to adjust instruction." */
  competency: string;
  /** The research-backed practice the candidate must use. */
  keyMethod?: string;
  /** Defaults to `MicroCredential`. */
  achievementType?: AchievementType;
  components?: Component[];
  stack?: { requires: DefinitionRef[] };
  alignment?: AlignmentTarget[];
  tags?: string[];
  estimatedHours?: number;
  credits?: number;
  prerequisites?: DefinitionRef[];
  /** Optional: a URL where the full criteria and resources are published. */
  criteriaUrl?: string;
  language?: string;
  /**
   * Signed EndorsementCredentials of this micro-credential (see `issueEndorsement`), embedded in the
   * compiled Achievement's `endorsement`; each should endorse the compiled achievement's id.
   */
  endorsements?: Record<string, unknown>[];
}
