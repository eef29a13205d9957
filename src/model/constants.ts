/** JSON-LD context URLs microcred issues with and recognises. */
export const CONTEXT = {
  VC_V2: 'https://www.w3.org/ns/credentials/v2',
  VC_V1: 'https://www.w3.org/2018/credentials/v1',
  OB_V3P0_3: 'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json',
  OB_V3P0_2: 'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.2.json',
  OB_V3P0_1: 'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.1.json',
  OB_V3P0_0: 'https://purl.imsglobal.org/spec/ob/v3p0/context.json',
  OB_EXTENSIONS: 'https://purl.imsglobal.org/spec/ob/v3p0/extensions.json',
  DATA_INTEGRITY_V1: 'https://w3id.org/security/data-integrity/v1',
  DATA_INTEGRITY_V2: 'https://w3id.org/security/data-integrity/v2',
  MULTIKEY_V1: 'https://w3id.org/security/multikey/v1',
  ED25519_2020_V1: 'https://w3id.org/security/suites/ed25519-2020/v1',
  ED25519_2018_V1: 'https://w3id.org/security/suites/ed25519-2018/v1',
  JWS_2020_V1: 'https://w3id.org/security/suites/jws-2020/v1',
  DID_V1: 'https://www.w3.org/ns/did/v1',
  BITSTRING_STATUS_V1: 'https://www.w3.org/ns/credentials/status/v1',
  STATUS_LIST_2021_V1: 'https://w3id.org/vc/status-list/2021/v1',
  CLR_V2P0_1: 'https://purl.imsglobal.org/spec/clr/v2p0/context-2.0.1.json',
  CLR_V2P0_0: 'https://purl.imsglobal.org/spec/clr/v2p0/context.json',
} as const;

/** The contexts a new credential is issued with: VC 2.0 first, then OB 3.0.3. */
export const ISSUE_CONTEXTS = [CONTEXT.VC_V2, CONTEXT.OB_V3P0_3] as const;

/** The VC types that mark a document as an Open Badges 3.0 achievement credential. */
export const OB_CREDENTIAL_TYPES = ['OpenBadgeCredential', 'AchievementCredential'] as const;

/** Values of `achievementType` defined by OB 3.0 (extensions start with `ext:`). */
export type AchievementType =
  | 'Achievement'
  | 'ApprenticeshipCertificate'
  | 'Assessment'
  | 'Assignment'
  | 'AssociateDegree'
  | 'Award'
  | 'Badge'
  | 'BachelorDegree'
  | 'Certificate'
  | 'CertificateOfCompletion'
  | 'Certification'
  | 'CommunityService'
  | 'Competency'
  | 'Course'
  | 'CoCurricular'
  | 'Degree'
  | 'Diploma'
  | 'DoctoralDegree'
  | 'Fieldwork'
  | 'GeneralEducationDevelopment'
  | 'JourneymanCertificate'
  | 'LearningProgram'
  | 'License'
  | 'Membership'
  | 'ProfessionalDoctorate'
  | 'QualityAssuranceCredential'
  | 'MasterCertificate'
  | 'MasterDegree'
  | 'MicroCredential'
  | 'ResearchDoctorate'
  | 'SecondarySchoolDiploma'
  | `ext:${string}`;
