/**
 * The code systems the FHIR adapter reads, each with where its URL was checked. Codes are compared
 * exactly (FHIR code systems are case-sensitive); system URLs are compared exactly too, except for the
 * HCPCS URL, which is published with both `http` and `https`.
 * @module
 */

/**
 * CARIN Blue Button adjudication slice discriminator. STU1 (1.0.0, 1.1.0) defines `denialreason`
 * ("the adjudication slice to identify the denial reason"); STU2 (2.0.0+) replaces it with
 * `adjustmentreason` and `rejectreason` (pharmacy, NCPDP reject codes). All three are read.
 * https://hl7.org/fhir/us/carin-bb/STU1.1/CodeSystem-C4BBAdjudicationDiscriminator.html
 * https://hl7.org/fhir/us/carin-bb/STU2/CodeSystem-C4BBAdjudicationDiscriminator.html
 * https://hl7.org/fhir/us/carin-bb/CodeSystem-C4BBAdjudicationDiscriminator.html (2.1.0)
 */
export const C4BB_ADJUDICATION_DISCRIMINATOR =
  'http://hl7.org/fhir/us/carin-bb/CodeSystem/C4BBAdjudicationDiscriminator';

/**
 * CARIN Blue Button adjudication amounts (`noncovered`, `paidtoprovider`, `paidtopatient`, `memberliability`,
 * …), complementing the HL7 adjudication codes. Alias `$C4BBAdjudication` in the IG's source
 * (github.com/HL7/carin-bb, input/fsh/Aliases.fsh and CodeSystems.fsh).
 */
export const C4BB_ADJUDICATION = 'http://hl7.org/fhir/us/carin-bb/CodeSystem/C4BBAdjudication';

/**
 * CARIN Blue Button payer adjudication status: `paid`, `denied`, `partiallypaid` (value set
 * C4BBPayerClaimPaymentStatusCode, bound to `ExplanationOfBenefit.payment.type`), network and
 * contracting statuses. Alias `$C4BBPayerAdjudicationStatus` in github.com/HL7/carin-bb input/fsh/Aliases.fsh.
 */
export const C4BB_PAYER_ADJUDICATION_STATUS =
  'http://hl7.org/fhir/us/carin-bb/CodeSystem/C4BBPayerAdjudicationStatus';

/**
 * HL7 adjudication value codes: `submitted`, `copay`, `eligible`, `deductible`, `unallocdeduct`,
 * `eligpercent`, `tax`, `benefit` (there is no `denied` code in it).
 * https://build.fhir.org/ig/HL7/UTG/CodeSystem-adjudication.html
 */
export const HL7_ADJUDICATION = 'http://terminology.hl7.org/CodeSystem/adjudication';

/**
 * X12 Claim Adjustment Reason Codes, as CARIN's value set X12ClaimAdjustmentReasonCodesCMSRemittanceAdviceRemarkCodes
 * (bound to the denial / adjustment reason slices) and HL7 Terminology name it.
 * https://hl7.org/fhir/us/carin-bb/ValueSet-X12ClaimAdjustmentReasonCodesCMSRemittanceAdviceRemarkCodes.html
 * http://terminology.hl7.org/5.5.0/CodeSystem-X12ClaimAdjustmentReasonCodes.html
 */
export const X12_CARC = 'https://x12.org/codes/claim-adjustment-reason-codes';

/**
 * X12 Remittance Advice Remark Codes (HL7 Terminology CodeSystem `RARC`; CARIN alias `$CMSRARCCS`).
 * https://build.fhir.org/ig/HL7/UTG/CodeSystem-RARC.html
 */
export const X12_RARC = 'https://x12.org/codes/remittance-advice-remark-codes';

/**
 * NCPDP reject codes, used by CARIN's pharmacy profile for the `rejectreason` slice. They are not
 * CARCs: the adapter keeps their text but does not classify the code.
 * https://hl7.org/fhir/us/carin-bb/STU1.1/CodeSystem-NCPDPRejectCode.html
 */
export const NCPDP_REJECT_CODE = 'http://terminology.hl7.org/CodeSystem/NCPDPRejectCode';

/** ICD-10-CM (US clinical modification); CARIN alias `$ICD10CM` (github.com/HL7/carin-bb, input/fsh/Aliases.fsh). */
export const ICD_10_CM = 'http://hl7.org/fhir/sid/icd-10-cm';

/** CPT (AMA). Codes only are read; CPT descriptors are never copied. CARIN alias `$CPT`. */
export const CPT = 'http://www.ama-assn.org/go/cpt';

/** HCPCS Level II as CARIN names it (alias `$HCPCS`); read with `http` or `https`. */
export const HCPCS = 'https://www.cms.gov/Medicare/Coding/HCPCSReleaseCodeSets';

/**
 * Source of Payment Typology (PHDSC/NAHDO), the code system of CARIN's `Coverage.type` value set.
 * https://build.fhir.org/ig/HL7/UTG/CodeSystem-SOPT.html ; codes listed at
 * https://build.fhir.org/ig/HL7/carin-bb/us-core-comparisons/vs-2.16.840.1.114222.4.11.3591-coverage-type.html
 */
export const SOPT = 'https://nahdo.org/sopt';

/** `data-absent-reason`, used for `productOrService` when there is no code (`not-applicable`). */
export const DATA_ABSENT_REASON = 'http://terminology.hl7.org/CodeSystem/data-absent-reason';
