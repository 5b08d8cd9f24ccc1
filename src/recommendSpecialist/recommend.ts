import { addEachOnce, addOnce } from '../_lib/addOnce.js';
import type { RuleSetWith } from '../engine/compile.js';
import { tokenize } from '../engine/phraseMatcher.js';
import type { Confidence } from '../types.js';
import { childAreaException, namesTarget, notThePatients } from './childException.js';
import type { ConditionMatch, IndexRow } from './conditionIndex.js';
import { lastWhere, pastHistoryTest, perinatalHistoryLast, withoutPastHistory } from './conditionOrder.js';
import {
  clausesOfWords,
  type Found,
  findAll,
  inPerinatalChapter,
  isNamedInstead,
  isPatientsAge,
  isPriorTreatment,
  notPerinatal,
  OTHER_PERSON_WORDS,
  olderAgeIn,
  olderWordIsPatients,
  parentAfterAge,
  readQualified,
  type StatedAge,
  statedAges,
  statesAdultAge,
  withoutAccents,
  withoutDenied,
  withoutNegated,
  wordIn,
  wordOfChild,
} from './conditionWords.js';
import { type Icd10Code, parseIcd10, rangeHolds, SYMPTOMS, span } from './icd10.js';
import { type CodeInText, isCodesOnly, procedureCodesIn } from './procedureCodes.js';
import { rationale } from './rationale.js';
import type {
  AreaRow,
  ClaimTypeRow,
  CodeHit,
  ProcedureRow,
  RangeRow,
  SpecialistRules,
  SpecialtyRow,
  Target,
} from './ruleData.js';
import type { AlternativeRow } from './ruleShapes.js';
import type {
  AlternativeSpecialist,
  SpecialistEvidence,
  SpecialistInput,
  SpecialistRecommendation,
} from './types.js';

/** What picked the area. */
export type Route =
  | { kind: 'icd10'; hit: CodeHit }
  | { kind: 'condition'; found: Found<Target> }
  /** `decides`: the treatment took the route from the condition (else nothing else named an area). */
  | { kind: 'procedure'; found: Found<ProcedureRow>; decides: boolean }
  | { kind: 'claim_type'; row: ClaimTypeRow }
  | { kind: 'fallback' };

/** What an answer collects on the way: kept in insertion order, without repeats. */
class Trail {
  readonly warnings: string[] = [];
  readonly evidence: SpecialistEvidence[] = [];
  /**
   * Lists, each value once: an answer has some fifteen of each, and comparing them was cheaper than a Set and
   * its copy into the answer.
   */
  readonly ruleIds: string[] = [];
  readonly citations: string[] = [];
  readonly unconfirmed: string[] = [];

  use(row: { id: string; citation: string }): void {
    addOnce(this.ruleIds, row.id);
    addOnce(this.citations, row.citation);
  }

  /**
   * Notes a row the answer relies on that is not backed by its primary source yet. `what` names it, and is
   * only called for such a row: most rows are confirmed, and naming each on every call was a tenth of a
   * recommendation's own time.
   */
  check(row: { status: string }, what: () => string): void {
    if (row.status === 'confirmed') return;
    const name = what();
    if (!this.unconfirmed.includes(name)) this.unconfirmed.push(name);
  }

  /**
   * Notes a row the ICD-10-CM search found, with the warning that says so: `searched` tells what was searched
   * ("\"heart trouble\" is not a condition overturn lists by name, so it was searched"); `field`, the header field
   * that routes instead of the row, a symptom ("Respiratory System - Cough").
   */
  searched(row: IndexRow, searched: string, field?: string): void {
    this.use(row);
    this.check(row, () => `the ICD-10-CM ${row.level} ${span(row)} (${row.title})`);
    // A symptom under a header field: the field, not the symptom, chose the specialist (recommend, below).
    const routes =
      field === undefined
        ? ''
        : `, a symptom, so the field named before it ("${field}") chose the specialist`;
    this.warnings.push(
      `${searched} in the ICD-10-CM titles: the closest is ${span(row)} (${row.title})${routes}. Check that this is the condition, or give its ICD-10-CM code.`,
    );
  }
}

/**
 * Recommends the specialist for a validated input (see `recommendSpecialist` for the rules).
 *
 * @example
 * ```ts
 * recommend(defaultRuleSet(), { icd10: ['C61'] }).specialty.taxonomyCode; // '208800000X'
 * ```
 */
export function recommend(
  ruleSet: RuleSetWith<'specialists'>,
  input: SpecialistInput,
): SpecialistRecommendation {
  const rules = ruleSet.specialists;
  const trail = new Trail();
  const codes = readCodes(rules, input.icd10 ?? [], trail);
  // Matched without accents ("Sjögren", "Ménière", "Behçet"): the phrases and the index are written in a–z.
  const conditionText = withoutAccents(input.condition);
  // The condition's words, once, as the phrase matcher reads them (a condition is at most 2,000 characters).
  const conditionWords = conditionText ? tokenize(conditionText) : [];
  // Without an age, a word of the condition ("baby") or of the treatment says child: a "pediatric intensive care
  // unit" stay is a child's.
  const procedureWords = input.age === undefined && input.procedure ? tokenize(input.procedure) : NO_WORDS;
  // The ages the condition states, read once: they may say child ("a 6 year old") or older adult ("aged 82").
  const conditionAges = input.age === undefined ? statedAges(conditionWords) : NO_AGES;
  // The patient's age: the one given, else the youngest child's age the words state as the patient's ("born
  // prematurely, now 5 years old"; not "born to a 16 year old mother").
  const statedChildAges = conditionAges.filter(
    (stated) =>
      stated.years < rules.children.ageBelow &&
      isPatientsAge(conditionWords, stated) &&
      !parentAfterAge(conditionWords, stated),
  );
  const patientAge =
    input.age ??
    (statedChildAges.length ? Math.min(...statedChildAges.map((stated) => stated.years)) : undefined);
  const childWord =
    input.age === undefined
      ? (wordOfChild(rules, conditionWords, conditionAges) ?? wordOfChild(rules, procedureWords))
      : undefined;
  // The rule set builds each automaton when it is first read (ruleData.ts): read only when there is text.
  const named = conditionText?.trim()
    ? readQualified(
        withoutNegated(findAll(rules.conditions, conditionText), conditionWords, conditionText),
        conditionWords,
        conditionText,
        rules,
      )
    : [];
  // The patient's present conditions first: a past one ("history of …") and another person's ("my husband is
  // schizophrenic", "mother's leukemia") come after them, by the test the child's exception uses, which reads both.
  const ownFirst = named.length < 2 ? named : lastWhere(named, notThePatients(conditionText, conditionWords));
  let conditions = perinatalHistoryLast(
    specificFirst(ownFirst),
    patientAge,
    rules.children.perinatalHistoryFromAge,
  );
  // A condition no patient of the given age can have (a mother's breastfeeding trouble, for a baby) is not theirs.
  const { age } = input;
  if (age !== undefined) conditions = conditions.filter((found) => ageFits(age, found.payload));
  if (conditionText && conditions.some((found) => found.qualifiedFrom !== undefined))
    conditions = conditions.map((found) => {
      const match =
        found.qualifiedFrom === undefined
          ? undefined
          : namedInside(rules, found, conditionText, conditionWords, age);
      if (!match) return found;
      const read = found.payload.range as RangeRow;
      trail.searched(
        match.row,
        `"${found.phrase}" was read as ${span(read)} (${read.title}) and its code searched`,
      );
      return {
        ...found,
        phrase: clip(input.condition ?? ''),
        payload: match.target,
        indexRow: match.row,
        whole: match.whole,
      };
    });
  conditions = cancerFirst(conditions);
  // Searched when no phrase names a condition, or only a field ("Skin Disorders - Cellulitis"): what the
  // search finds then comes before the field.
  let fieldOverSymptom = false;
  if (conditions.every((found) => found.payload.field === true) && conditionText?.trim()) {
    // A past condition ("history of rheumatic fever") is background, and a denied one ("no diabetes") not the
    // patient's: the rest of the text is searched first.
    const present = withoutDenied(withoutPastHistory(conditionText));
    // A condition of the perinatal period (P00–P96, "birth injury to scalp") is a child's: for an adult, or
    // when nothing says child, the search leaves that chapter out ("scalp laceration" is not a birth injury).
    const perinatalPossible =
      input.age !== undefined
        ? input.age < rules.children.ageBelow
        : childWord !== undefined || wordIn(rules.perinatalWords, conditionWords) !== undefined;
    // Nor does it find a condition no patient of the given age can have (a pregnancy's, for a child of 8).
    const accept =
      perinatalPossible && age === undefined
        ? undefined
        : (row: IndexRow, target: Target) => (perinatalPossible || notPerinatal(row)) && ageFits(age, target);
    const match =
      (present !== conditionText && /[a-z]/i.test(present)
        ? rules.conditionIndex?.find(present, accept)
        : undefined) ?? rules.conditionIndex?.find(conditionText, accept);
    if (match) {
      const searched = {
        phrase: clip(input.condition ?? ''),
        payload: match.target,
        start: 0,
        end: 0,
        indexRow: match.row,
        whole: match.whole,
      };
      // A symptom under a field written as a header ("Respiratory System - Cough", as regulators and claim systems
      // file a case) is the field's to judge: the header names the organ system the symptom arises in. Only a
      // header: a field named elsewhere may be past or another person's ("was pregnant last year, now abdominal
      // pain", "family history of autoimmune disease, now fatigue"), as a review found.
      const headerWords = conditionText === undefined ? 0 : wordsOfHeader(conditionText);
      const headerField = SYMPTOMS.test(match.row.from)
        ? conditions.find((found) => found.start === 0 && found.end < headerWords)
        : undefined;
      fieldOverSymptom = headerField !== undefined;
      if (fieldOverSymptom) conditions.push(searched);
      else conditions.unshift(searched);
      trail.searched(
        match.row,
        `"${clip(input.condition ?? '')}" is not a condition overturn lists by name, so it was searched`,
        headerField?.phrase,
      );
    }
  }
  // Once any condition other than a field is found, the fields are dropped: they add nothing, not even an
  // alternative ("Gynecological - Vaginal bleeding" is the bleeding).
  if (!fieldOverSymptom && conditions.some((found) => found.payload.field !== true))
    conditions = conditions.filter((found) => found.payload.field !== true);
  // A treatment whose own specialty judges it is more telling than a setting ("inpatient stay with a
  // hysterectomy"): it is preferred; otherwise the first procedure the text names.
  const procedureText = withoutAccents(input.procedure);
  // The treatment field's words, split once (it is at most 2,000 characters) and read by each step below.
  const treatmentTokens = procedureText?.trim() ? tokenize(procedureText) : NO_WORDS;
  // A field of billing codes only holds no wording: its phrase search (and a first call's automaton) is skipped.
  const wordsToRead =
    procedureText !== undefined && treatmentTokens.length > 0 && !isCodesOnly(treatmentTokens);
  const procedures = wordsToRead ? findAll(rules.procedures, procedureText) : [];
  // A treatment named across the two fields ("carpal tunnel" + "release surgery") is read as one: only where the
  // treatment field alone names none, and only a wording that begins with the whole condition ("cancer with weight
  // loss" + "surgery" is not weight-loss surgery; "hemangioma of the liver" + "surgery" is not liver surgery).
  if (!procedures.length && wordsToRead && conditionWords.length) {
    const joined = findAll(rules.procedures, `${conditionText} ${procedureText}`);
    for (const found of joined)
      if (found.start === 0 && found.end >= conditionWords.length) procedures.push(found);
  }
  // A treatment field that names no treatment in words but gives its billing code ("27447", "CPT 43644", "E0601"):
  // the code's section names the performer (the narrowest range the table lists).
  const treatmentCodes =
    !procedures.length && procedureText !== undefined && treatmentTokens.length
      ? procedureCodesIn(procedureText, treatmentTokens)
      : NO_CODES;
  if (treatmentCodes.length) {
    for (const { code, word } of treatmentCodes) {
      const row = rules.procedureCodes.find(code);
      if (row && !procedures.some((found) => found.payload === row))
        procedures.push({ phrase: code, payload: row, start: word, end: word, byCode: true });
    }
  }
  // The treatment field's words, read only where a preference below can apply (several treatments or conditions).
  const treatmentWords = procedures.length > 1 || conditions.length > 1 ? treatmentTokens : NO_WORDS;
  let procedure =
    decidingOfConditionArea(procedures, conditions, treatmentWords) ??
    // A deciding treatment named as past ("speech therapy after laryngectomy") does not decide (read where the
    // treatment words are, that is where more than one treatment or condition is named).
    procedures.find((found) => found.payload.decides && !notDisputed(found, treatmentWords)) ??
    procedures[0];
  // A condition that names no condition overturn knows but a treatment ("hysterectomy and other procedures",
  // "recovery after brain surgery") speaks of that treatment: the search's guess at a condition from its other
  // words is worth less than the treatment it names, when the treatment field names none that decides. A drug
  // named there is what was taken ("fentanyl ingestion"), not a treatment in dispute.
  if (
    conditionText?.trim() &&
    (procedure?.payload.decides !== true || procedure.byCode === true) &&
    conditions.every((found) => found.indexRow !== undefined && found.whole !== true)
  ) {
    const named = findAll(rules.procedures, conditionText).find(
      (found) => found.payload.decides && found.payload.drug !== true,
    );
    if (named) procedure = named;
  }
  const claimRow = input.claimType ? rules.claimTypes.get(input.claimType) : undefined;
  const categoryRows = input.denialCategory ? (rules.denialCategories.get(input.denialCategory) ?? []) : [];
  // Without an age, a word of childhood (above) or a condition or treatment of childhood says child; not a condition of
  // childhood the text says is an adult's ("an undescended testicle in a 30 year old", "in an adult").
  const adultSign =
    input.age === undefined &&
    (statesAdultAge(conditionWords, conditionAges, rules.children.ageBelow) ||
      wordIn(
        rules.adultWords,
        conditionWords,
        (at) => !OTHER_PERSON_WORDS.has(conditionWords[at + 1] as string),
      ) !== undefined ||
      // An older adult is an adult ("elderly autistic man", "an octogenarian"), but not a "high school senior", nor
      // someone's "elderly grandparents", nor "a geriatric pregnancy".
      wordIn(
        rules.olderWords,
        conditionWords,
        (at) => !SCHOOL_SENIOR.has(conditionWords[at] as string) && olderWordIsPatients(conditionWords, at),
      ) !== undefined);
  const childSign =
    input.age === undefined
      ? (childWord ??
        (adultSign
          ? undefined
          : childhoodSign(codes.principal?.target.range, conditions[0], procedure?.payload)))
      : undefined;
  const child = input.age !== undefined ? input.age < rules.children.ageBelow : childSign !== undefined;
  // Without an age and with no sign of a child, a word says older ("an elderly woman"), or a stated age.
  const olderByWords =
    input.age === undefined && !child && rules.olderAdults !== undefined
      ? (wordIn(rules.olderWords, conditionWords) ??
        wordIn(rules.olderWords, procedureWords) ??
        olderAgeIn(conditionAges, rules.olderAdults.ageAtLeast))
      : undefined;
  // Failing those, for a treatment of daily living, chronic diseases of later life named together; not where the
  // condition states any age (one of 65 or more said older above) or a word that the list is not the patient's own
  // present conditions, or says young ("denies", "family history", "young").
  const olderFromConditions =
    input.age === undefined &&
    !child &&
    olderByWords === undefined &&
    conditionAges.length === 0 &&
    wordIn(rules.notOlderWords, conditionWords) === undefined
      ? severalConditions(
          procedure?.payload.olderFromConditions,
          conditions,
          rules.olderAdults?.conditionsOfAge,
        )
      : undefined;
  const olderSign = olderByWords ?? olderFromConditions;
  const older =
    rules.olderAdults !== undefined &&
    (input.age !== undefined ? input.age >= rules.olderAdults.ageAtLeast : olderSign !== undefined);
  // For a child, what keeps a treatment's `childArea` from applying (a cancer, a ventilator: `childAreaExceptFor`),
  // read from the codes and from the conditions named as the patient's own and present.
  const childException =
    child && procedure?.payload.childArea !== undefined
      ? childAreaException(
          procedure.payload,
          conditions,
          codes.all,
          notThePatients(conditionText, conditionWords),
        )
      : undefined;
  // For a treatment that decides for a child, the code or condition that kept its own specialists routes.
  const childDecidesException =
    procedure?.payload.childDecides === true && procedure.byCode !== true ? childException : undefined;
  // The condition the treatment treats routes; else, for a treatment that decides for a child, the condition that
  // kept its own specialists (a tracheostomy named after Down syndrome); else the first condition named, unless it
  // only says how an injury came about ("work injury"): then the next condition that names what is injured does.
  const condition =
    conditionTreated(rules, procedure, conditions, procedureText, treatmentWords, conditionText) ??
    childDecidesException?.found ??
    namedCause(conditions, conditionWords) ??
    conditions.find((found) => !isContextOnly(found)) ??
    conditions[0];
  if (!condition && input.condition?.trim()) {
    trail.warnings.push(
      `"${clip(input.condition)}" does not name a condition overturn recognises; the specialist was chosen from the rest of the input.`,
    );
  }
  const extra: AlternativeSpecialist[] = [];
  const specialist = (code: string, reason?: string) =>
    toSpecialist(rules.specialties.get(code) as SpecialtyRow, reason);

  // 1. What routes: a procedure whose own specialty judges it; else the principal code, unless it is only a
  // catch-all and a condition names something better; else the condition, the procedure, the claim type.
  // A search that found only the general fallback's ground (a symptom or status block) comes last.
  let route: Route;
  let routed: Target;
  let confidence: Confidence;
  // A search that found only a symptom block yields to a treatment or a claim type that names a specialist;
  // a condition that only says how an injury came about ("work injury") yields to a treatment.
  const weakSearch = condition?.indexRow !== undefined && condition.payload.area.id === rules.fallback.area;
  const contextOnly = condition !== undefined && isContextOnly(condition);
  // A search is a guess where it matched only some words of its row, or only a symptom block (`medium`): a
  // treatment the input names is surer.
  const partialSearch =
    condition?.indexRow !== undefined &&
    (condition.whole !== true || condition.payload.range?.confidence === 'medium');
  const diagnosed = codes.principal?.target ?? condition?.payload;
  const adultsOnlyForChild = child && procedure?.payload.adultsOnly === true;
  // A geriatrician's treatment for a given younger age: the specialist of a diagnosis named (a code, or words the
  // rules list) judges the care it needs; a condition the search only guessed at ("frail, falls") leaves it to him.
  const olderOnlyForYounger =
    procedure?.payload.olderAdultsOnly === true &&
    patientAge !== undefined &&
    rules.olderAdults !== undefined &&
    patientAge < rules.olderAdults.ageAtLeast &&
    (codes.principal !== undefined || (condition !== undefined && condition.indexRow === undefined));
  const notForThisAge = adultsOnlyForChild || olderOnlyForYounger;
  // A deciding treatment yields to a condition of an area it names (rehabilitation for alcohol use disorder); a
  // treatment that does not decide takes the route over the areas it names (`decidesOver`: a cancer drug for a
  // melanoma). For a given adult age, a range of children's care takes no treatment's yield: the treatments' lists
  // name children's care and psychiatric illness, not an adult's developmental disorder, so a 25-year-old's
  // occupational therapy, personal care or inpatient rehabilitation for autism or a developmental delay stays with
  // the physiatrist (the psychiatrist, the range's adult area, beside him). A treatment that does not decide is
  // judged against the range's adult area (`adultArea`). Without an age, the childhood condition says child.
  const adultByAge = (input.age !== undefined || adultSign) && !child;
  const childrensRangeForAdult = adultByAge && diagnosed?.area.childrenOnly === true;
  // A condition of the perinatal period is history from an age the input gives or the words state
  // (`perinatalHistoryFromAge`): an 11-year-old born prematurely is not the neonatologist's, and a treatment does
  // not yield to it (occupational therapy decides).
  const fromAge = rules.children.perinatalHistoryFromAge;
  const perinatalHistory =
    diagnosed?.range !== undefined &&
    inPerinatalChapter(diagnosed.range) &&
    patientAge !== undefined &&
    fromAge !== undefined &&
    patientAge >= fromAge;
  const diagnosedAreaId = perinatalHistory
    ? undefined
    : childrensRangeForAdult
      ? diagnosed?.range?.adultArea
      : diagnosed?.area.id;
  // A list names an area, or a range (`decidesOver: ["icd10.E85"]`: amyloidosis, not every blood disorder); an area
  // read in place of the diagnosis's (an adult's) is named by its id alone.
  const names = (list: readonly string[] | undefined) =>
    diagnosed !== undefined && diagnosedAreaId === diagnosed.area.id
      ? namesTarget(list, diagnosed)
      : diagnosedAreaId !== undefined && list?.includes(diagnosedAreaId) === true;
  const yields = !childrensRangeForAdult && names(procedure?.payload.yieldsTo);
  // A treatment read from its billing code never takes the route from a condition or a code the input names: a
  // number is a weaker sign than words, and an undotted diagnosis code (D5700) has a procedure code's shape. It
  // routes only where nothing else does, and moves the subspecialist only then.
  const namedTreatment = procedure?.byCode === true ? undefined : procedure;
  // A treatment given to children (`pediatric`: an infant's RSV prevention) does not decide for a given adult age.
  const pediatricForAdult = adultByAge && namedTreatment?.payload.pediatric === true;
  // The code that routes: the principal one, or for a child's home nursing the code that kept its own specialists.
  const principalCode = childDecidesException?.hit ?? codes.principal;
  // For a child, the treatment's `childArea` holds: nothing named keeps the condition's own specialists.
  const childAreaHolds = child && childException === undefined;
  const decides =
    !notForThisAge &&
    !pediatricForAdult &&
    ((namedTreatment?.payload.decides === true ? !yields : names(namedTreatment?.payload.decidesOver)) ||
      (childAreaHolds && namedTreatment?.payload.childDecides === true));
  if (procedure && decides) {
    route = { kind: 'procedure', found: procedure, decides: true };
    // A perinatal condition that is history (from age 2) does not bring back the neonatologist.
    routed = procedureTarget(
      rules,
      procedure.payload,
      childAreaHolds,
      perinatalHistory ? undefined : diagnosed,
    );
    confidence = codes.principal || (condition && !condition.indexRow) ? 'high' : 'medium';
  } else if (
    principalCode &&
    ((principalCode.target.range.confidence ?? 'high') === 'high' || !condition) &&
    // A condition named in words that kept a child's home nursing from the pediatrician routes before a code that
    // did not.
    childDecidesException?.found === undefined
  ) {
    route = { kind: 'icd10', hit: principalCode };
    routed = principalCode.target;
    confidence = principalCode.target.range.confidence ?? 'high';
  } else if (
    condition &&
    !(weakSearch && (namedTreatment || claimRow?.defaultArea)) &&
    !(
      partialSearch &&
      namedTreatment &&
      namedTreatment.payload.area !== rules.fallback.area &&
      // An operation that decides only over some areas (`decidesOver`: surgery named by where it is done) does not
      // take a guessed condition of another; a drug still does (a guessed "lung mass" with Keytruda is the oncologist's).
      (namedTreatment.payload.decidesOver === undefined ||
        namedTreatment.payload.drug === true ||
        names(namedTreatment.payload.decidesOver))
    ) &&
    !(contextOnly && namedTreatment)
  ) {
    route = { kind: 'condition', found: condition };
    routed = condition.payload;
    confidence = condition.payload.range?.confidence ?? 'high';
    // A search is a guess at the condition, and a field over a symptom names no diagnosis: never more than medium.
    if ((condition.indexRow || fieldOverSymptom) && confidence === 'high') confidence = 'medium';
  } else if (procedure) {
    route = { kind: 'procedure', found: procedure, decides: false };
    routed = procedureTarget(rules, procedure.payload, childAreaHolds);
    confidence = 'medium';
  } else if (claimRow?.defaultArea) {
    route = { kind: 'claim_type', row: claimRow };
    routed = { area: rules.areas.get(claimRow.defaultArea) as AreaRow };
    confidence = 'medium';
  } else {
    route = { kind: 'fallback' };
    routed = { area: rules.areas.get(rules.fallback.area) as AreaRow };
    confidence = 'low';
  }

  // Evidence of the codes and the condition, and the alternatives they bring: each condition's specialist is the one
  // that judges this patient (for a given adult age, a children's range's adult area: not the pediatrician of 30;
  // for a child, the field's pediatric subspecialist: a ventilated infant's pediatric pulmonologist).
  const judgingSpecialty = (target: Target) => {
    const adultArea = adultByAge ? target.range?.adultArea : undefined;
    if (adultArea) return (rules.areas.get(adultArea) as AreaRow).specialty;
    if (child) {
      const pediatric =
        target.range?.pediatricSubspecialty ??
        (target.range?.specialty === undefined ? target.area.pediatricSubspecialty : undefined);
      if (pediatric) return pediatric;
    }
    return target.range?.specialty ?? target.area.specialty;
  };
  codes.all.forEach((hit) => {
    const isRoute = route.kind === 'icd10' && hit === route.hit;
    trail.evidence.push({
      kind: 'icd10',
      value: hit.code.display,
      ruleId: hit.target.range.id,
      area: hit.target.area.id,
      use: isRoute ? 'routing' : 'alternative',
    });
    if (isRoute) return;
    addOnce(trail.ruleIds, hit.target.range.id);
    extra.push(
      specialist(judgingSpecialty(hit.target), `For ${hit.code.display} (${hit.target.range.title})`),
    );
  });
  conditions.forEach((found, index) => {
    const isRoute = route.kind === 'condition' && found === route.found;
    trail.evidence.push({
      kind: 'condition',
      value: found.phrase,
      ruleId: found.indexRow?.id ?? found.payload.range?.id ?? found.payload.area.id,
      area: found.payload.area.id,
      use: isRoute ? 'routing' : 'alternative',
    });
    if (isRoute) return;
    if (
      index === 0 &&
      found.payload.area.id !== routed.area.id &&
      route.kind === 'icd10' &&
      route.hit === codes.principal
    ) {
      trail.warnings.push(
        `The condition "${found.phrase}" points to ${found.payload.area.name}, but the principal diagnosis code ${route.hit.code.display} is in ${route.hit.target.range.title}; the code was followed. Check that the code is right.`,
      );
      if (confidence === 'high') confidence = 'medium';
    }
    extra.push(specialist(judgingSpecialty(found.payload), `For "${found.phrase}"`));
  });

  // 2. The claim type and the denial category may move the area; a child may too.
  let area = routed.area;
  let range = routed.range;
  const context = [...(claimRow ? [claimRow] : []), ...categoryRows];
  const contextAlternatives: AlternativeSpecialist[] = [];
  for (const row of context) {
    trail.use(row);
    for (const rule of row.areaRules ?? []) {
      if (!rule.areas.includes(area.id)) continue;
      if (rule.toArea && rule.toArea !== area.id) {
        area = rules.areas.get(rule.toArea) as AreaRow;
        range = undefined;
      }
      contextAlternatives.push(...alternativesOf(rules, rule.alternatives, input.age, child, older));
    }
    if (row !== claimRow || area.id !== claimRow.defaultArea)
      contextAlternatives.push(...alternativesOf(rules, row.alternatives, input.age, child, older));
    if (row.warning) trail.warnings.push(row.warning);
  }
  let childApplied = false;
  // An adult (by a given age) with a condition of a children's range: the range names the adult's area.
  const adultArea = adultByAge ? range?.adultArea : undefined;
  if (adultArea) {
    area = rules.areas.get(adultArea) as AreaRow;
    range = undefined;
  }
  if (child && area.pediatricArea) {
    area = rules.areas.get(area.pediatricArea) as AreaRow;
    range = undefined;
    childApplied = true;
  }

  // 3. The specialists.
  const specialtyCode = range?.specialty ?? area.specialty;
  // A range that names its own specialty (the breast's general surgeon in gynecology's area) does not take the area's
  // subspecialist, who belongs to another specialty (the gynecologist).
  let subspecialtyCode =
    range?.subspecialty ??
    (range?.specialty !== undefined && range.specialty !== area.specialty ? undefined : area.subspecialty);
  // A child past the perinatal period whose perinatal condition still routes is the general pediatrician's, not the
  // neonatologist's (the range's own alternative); a neonatal treatment that decides (a NICU stay appealed after the
  // second birthday) keeps him.
  if (perinatalHistory && route.kind !== 'procedure' && range && inPerinatalChapter(range))
    subspecialtyCode = area.subspecialty;
  // The treatment's own performer judges it (a speech-language pathologist) for an adult, whatever the route;
  // a child keeps the pediatric subspecialist below, and no older-adult rule moves it.
  // A treatment read from its code moves it only where it routes, nothing else naming the condition.
  const judgedTreatment = route.kind === 'procedure' ? procedure : namedTreatment;
  const preferredPerformer =
    !child && !olderOnlyForYounger && judgedTreatment?.payload.performerPreferred
      ? judgedTreatment.payload.performedBy
      : undefined;
  if (preferredPerformer) {
    subspecialtyCode = preferredPerformer;
  } else if (child && route.kind === 'procedure' && route.found.payload.performerTreatsChildren) {
    // The treatment's own performer operates on children too (an oral surgeon's jaw surgery).
    subspecialtyCode = route.found.payload.performedBy;
    childApplied = true;
  } else if (
    child &&
    (range?.pediatricSubspecialty ?? area.pediatricSubspecialty) &&
    !range?.subspecialtyForChildren
  ) {
    // A range whose subspecialist treats children too (an orthodontist for malocclusion) keeps it for a child;
    // a range may name its own pediatric subspecialist (a child's migraine: the child neurologist).
    subspecialtyCode = range?.pediatricSubspecialty ?? area.pediatricSubspecialty;
    childApplied = true;
  } else if (
    child &&
    procedure?.payload.performerPreferred &&
    procedure.payload.performerTreatsChildren &&
    !range?.subspecialtyForChildren &&
    area.childrenOnly !== true
  ) {
    // Where the route gives a child no pediatric subspecialist (a syndrome the geneticist follows), the
    // treatment's own performer judges it, as for an adult (a speech-language pathologist for a child's
    // speech-generating device). Children's care itself keeps its subspecialist (the developmental
    // pediatrician for a child's speech delay).
    subspecialtyCode = procedure.payload.performedBy;
  }
  // For an adult, a treatment of an area whose treatments another area's subspecialist judges for its conditions
  // (`subspecialistAreas`: a quadriplegic's power wheelchair, the spinal cord injury physician) takes that
  // subspecialist; the treatment's area keeps its alternatives (the therapists), and a range's own specialist (a
  // skull fracture's neurosurgeon) is not taken. A child keeps the pediatric subspecialist (judged on function).
  const subspecialistArea =
    !child &&
    !preferredPerformer &&
    route.kind === 'procedure' &&
    diagnosed !== undefined &&
    area.subspecialistAreas?.includes(diagnosed.area.id) === true &&
    diagnosed.area.specialty === specialtyCode
      ? diagnosed.area
      : undefined;
  if (subspecialistArea?.subspecialty) subspecialtyCode = subspecialistArea.subspecialty;
  const olderApplied =
    older && !preferredPerformer && !subspecialistArea && area.geriatricSubspecialty !== undefined;
  if (olderApplied) subspecialtyCode = area.geriatricSubspecialty;
  // An operation overturn does not know by name ("surgery to remove the tumor"), named in words, on a condition of
  // an area whose surgeon judges its operations (`surgeonJudgesOperations`), is that surgeon's, for an adult: the
  // surgical oncologist under the oncologist. Not where the condition's range names its own subspecialist.
  const operationInWords = !procedure && namesOperation(rules, treatmentTokens);
  const unknownOperation =
    operationInWords &&
    !child &&
    area.surgeonJudgesOperations === true &&
    range?.subspecialty === undefined &&
    area.surgical !== undefined &&
    area.surgical !== specialtyCode;
  if (unknownOperation) subspecialtyCode = area.surgical;
  if (subspecialtyCode === specialtyCode) subspecialtyCode = undefined;
  const specialtyRow = rules.specialties.get(specialtyCode) as SpecialtyRow;
  const subspecialtyRow = subspecialtyCode ? rules.specialties.get(subspecialtyCode) : undefined;

  let performer: SpecialtyRow | undefined;
  const procedureAlternatives: AlternativeSpecialist[] = [];
  // A drug used for many conditions is prescribed by the specialist of the condition it is for: when a code or
  // a condition routed elsewhere, the drug adds no prescriber of its own.
  const drugForOtherArea =
    procedure?.payload.drug === true &&
    route.kind !== 'procedure' &&
    procedureTarget(rules, procedure.payload, false).area.id !== routed.area.id;
  if (procedure) {
    const row = procedure.payload;
    if (!drugForOtherArea && !notForThisAge) {
      performer = rules.specialties.get(row.performedBy) as SpecialtyRow;
      procedureAlternatives.push(
        specialist(
          row.performedBy,
          `${row.drug ? 'Prescribes' : 'Performs'} ${row.name}: when the dispute is whether it is needed, this specialty's view counts too`,
        ),
      );
      procedureAlternatives.push(...alternativesOf(rules, row.alternatives, input.age, child, older));
    }
    trail.use(row);
    trail.check(row, () => `which specialty ${row.drug ? 'prescribes' : 'performs'} ${row.name}`);
    if (procedure.byCode) {
      trail.warnings.push(
        `"${clip(input.procedure ?? '')}" was read by its billing code ${procedure.phrase} as ${row.name}; if that is not the treatment's procedure code (a diagnosis code or an amount, say), name the treatment in words.`,
      );
    }
  } else if (input.procedure?.trim()) {
    trail.warnings.push(
      treatmentCodes.length
        ? `"${clip(input.procedure)}" gives a billing code overturn does not map to a specialist (office visits, imaging, most laboratory tests and some surgical sections name none); the specialist was chosen from the rest of the input. Name the treatment in words for its specialist.`
        : `"${clip(input.procedure)}" is not a procedure overturn recognises; the specialist was chosen from the rest of the input.`,
    );
    if (area.surgical && (treatmentCodes.length > 0 || operationInWords)) {
      performer = rules.specialties.get(area.surgical) as SpecialtyRow;
      procedureAlternatives.push(
        specialist(area.surgical, `Operates on these conditions; added because a procedure is disputed`),
      );
    }
  }
  // A route without a range of its own (a treatment's) lists the alternatives of the diagnosis's range in the same area
  // (a kidney cancer's oncologist beside its nephrectomy's urologist), not its subspecialists.
  const alternativesRange =
    range ?? (diagnosed?.range !== undefined && diagnosed.area.id === area.id ? diagnosed.range : undefined);
  // Each specialist once, in this order, and none the answer names already (nor one a context row removes): pushed
  // into one list, not spread into a list to be filtered through a Set (most of a recommendation's own time went to
  // building its result; profile of analyzeCase, 2026-12-07).
  const alternatives: AlternativeSpecialist[] = [];
  const addAlternatives = (list: readonly AlternativeSpecialist[]) => {
    for (const alternative of list) {
      const code = alternative.taxonomyCode;
      if (
        code === specialtyCode ||
        code === subspecialtyCode ||
        // Read in place: a flatMap of the rows' lists was a tenth of this function's own time.
        context.some((row) => row.removeAlternatives?.includes(code) === true) ||
        alternatives.some((added) => added.taxonomyCode === code)
      )
        continue;
      alternatives.push(alternative);
    }
  };
  addAlternatives(procedureAlternatives);
  addAlternatives(extra);
  addAlternatives(alternativesOf(rules, alternativesRange?.alternatives, input.age, child, older));
  if (!alternativesRange?.withoutAreaAlternatives)
    addAlternatives(alternativesOf(rules, area.alternatives, input.age, child, older));
  addAlternatives(contextAlternatives);
  // The treatment's own profession is preferred over the field's geriatric subspecialist: it stays an alternative.
  if (older && preferredPerformer && area.geriatricSubspecialty !== undefined)
    addAlternatives([
      specialist(area.geriatricSubspecialty, "For an older patient, the field's geriatric subspecialist"),
    ]);
  if (child && !childApplied && area.specialty !== rules.children.alternative.code)
    addAlternatives([specialist(rules.children.alternative.code, rules.children.alternative.reason)]);
  const performerAdded =
    performer !== undefined && alternatives.some((a) => a.taxonomyCode === performer?.code);

  // 4. Evidence of the procedure and the context; rows and citations behind the answer.
  if (procedure) {
    trail.evidence.push({
      kind: 'procedure',
      value: procedure.phrase,
      ruleId: procedure.payload.id,
      area: procedure.payload.area,
      use:
        route.kind === 'procedure'
          ? 'routing'
          : drugForOtherArea
            ? 'ignored'
            : performerAdded
              ? 'alternative'
              : 'context',
    });
  }
  if (claimRow) {
    trail.evidence.push({
      kind: 'claim_type',
      value: claimRow.claimType,
      ruleId: claimRow.id,
      ...(route.kind === 'claim_type' ? { area: routed.area.id } : {}),
      use: route.kind === 'claim_type' ? 'routing' : 'context',
    });
  }
  for (const row of categoryRows) {
    trail.evidence.push({
      kind: 'denial_category',
      value: input.denialCategory as string,
      ruleId: row.id,
      use: 'context',
    });
  }
  if (childApplied) {
    trail.evidence.push({
      kind: 'age',
      value: input.age !== undefined ? String(input.age) : (childSign as string),
      ruleId: rules.children.id,
      use: 'context',
    });
    trail.use(rules.children);
    trail.check(rules.children, () => 'the rule for patients under 18');
  }
  if (olderApplied && rules.olderAdults) {
    const row = rules.olderAdults;
    trail.evidence.push({
      kind: 'age',
      value: input.age !== undefined ? String(input.age) : (olderSign as string),
      ruleId: row.id,
      use: 'context',
    });
    trail.use(row);
    trail.check(row, () => `the rule for patients ${row.ageAtLeast} and older`);
    if (olderFromConditions !== undefined)
      trail.warnings.push(
        `No age was given: ${olderFromConditions} were read as an older adult's, so the geriatric subspecialist is preferred. Give the patient's age to be sure.`,
      );
  }
  if (route.kind === 'fallback') trail.use(rules.fallback);
  if (range) {
    trail.use(range);
    trail.check(range, () => `the match of ${span(range)} (${range.title}) to this specialty`);
    if (range.warning) trail.warnings.push(range.warning);
  }
  trail.use(area);
  trail.check(area, () => `the specialist table for ${area.name}`);
  for (const row of [specialtyRow, subspecialtyRow]) {
    if (!row) continue;
    trail.use(row);
    trail.check(row, () => `the NUCC code ${row.code} (${row.name})`);
    const board = row.board;
    if (board) trail.check(board, () => `the certifying board for ${row.name} (${board.name})`);
  }

  // 5. Requirements, pitfalls, guidelines.
  // The context rows (a claim type, a denial category) are a few, with short lists: read in place, not copied into
  // Sets, and the notes' rows walked where they are, not copied into one list twice.
  const requirements = rules.requirements.filter(
    (row) => row.always || context.some((from) => from.requirements?.includes(row.id) === true),
  );
  const avoid = rules.avoid.filter(
    (row) =>
      area.avoid?.includes(row.id) === true ||
      context.some((from) => from.avoid?.includes(row.id) === true) ||
      (row.always && row.unlessSpecialty?.includes(specialtyCode) !== true),
  );
  const notes: { id: string; text: string }[] = [];
  for (const rows of [requirements, avoid])
    for (const row of rows) {
      trail.use(row);
      trail.check(row, () => `the advice "${row.id.replaceAll('_', ' ')}"`);
      notes.push({ id: row.id, text: row.text });
    }
  const guidelines: string[] = [];
  if (range?.guidelines) addEachOnce(guidelines, range.guidelines);
  addEachOnce(guidelines, area.guidelines);

  if (route.kind === 'fallback')
    trail.warnings.push(claimRow?.missingConditionWarning ?? rules.fallback.warning);
  if (trail.unconfirmed.length) {
    trail.warnings.push(
      `Not yet checked against a primary source: ${trail.unconfirmed.join('; ')}. Treat these as suggestions, and check the specialist's board certification (certificationmatters.org).`,
    );
  }

  const specialty = toSpecialist(specialtyRow);
  const subspecialty = subspecialtyRow ? toSpecialist(subspecialtyRow) : undefined;
  const answer: SpecialistRecommendation = {
    specialty,
    alternatives,
    rationale: rationale({
      route,
      routedArea: routed.area,
      area,
      specialty: specialtyRow,
      subspecialty: subspecialtyRow,
      performer: performerAdded ? performer : undefined,
      operatedBySubspecialist: unknownOperation,
      procedureName: procedure?.payload.name ?? (input.procedure ? `"${clip(input.procedure)}"` : undefined),
      drug: procedure?.payload.drug === true,
      context,
      guidelines,
    }),
    requirements: requirements.map((row) => row.id),
    avoid: avoid.map((row) => row.id),
    notes,
    guidelines,
    area: { id: area.id, name: area.name },
    confidence,
    evidence: trail.evidence,
    ruleIds: trail.ruleIds,
    warnings: trail.warnings,
    citations: trail.citations,
    ruleSet: ruleSet.ref,
  };
  if (subspecialty) answer.subspecialty = subspecialty;
  return answer;
}

/** Reads the codes in order: the first that routes is the principal; external causes never route. */
function readCodes(
  rules: SpecialistRules,
  raw: readonly string[],
  trail: Trail,
): { principal?: CodeHit; all: CodeHit[] } {
  const all: CodeHit[] = [];
  const seen = new Set<string>();
  let skipped: string | undefined;
  for (const text of raw) {
    const code = parseIcd10(text) as Icd10Code;
    if (seen.has(code.code)) continue;
    seen.add(code.code);
    const entry = rules.ranges.lookup(code.code);
    if (entry?.kind === 'area') {
      all.push({ code, target: { area: entry.area, range: entry.row } });
      continue;
    }
    if (entry?.kind === 'secondary') {
      trail.evidence.push({ kind: 'icd10', value: code.display, ruleId: entry.row.id, use: 'ignored' });
      trail.warnings.push(entry.row.warning.replaceAll('{code}', code.display));
      trail.use(entry.row);
    } else {
      trail.warnings.push(
        `${code.display} is not in any ICD-10-CM chapter overturn knows; check the code (it was not used).`,
      );
    }
    if (all.length === 0) skipped ??= code.display;
  }
  const principal = all[0];
  if (principal && skipped) {
    trail.warnings.push(
      `${skipped} was listed first but cannot pick the specialist, so ${principal.code.display} was taken as the principal diagnosis.`,
    );
  }
  return principal ? { principal, all } : { all };
}

/**
 * A treatment named but not the one in dispute: one already given ("physical therapy after lumbar fusion") or the one
 * not wanted ("home care instead of a nursing facility").
 */
function notDisputed(found: Found<ProcedureRow>, words: readonly string[]): boolean {
  return isPriorTreatment(found, words) || isNamedInstead(found, words);
}

/**
 * Of several deciding treatments, the one of a named condition's own area judges best ("chemotherapy and radiation
 * with a stem cell transplant" for myeloma: the transplant's hematologist, not the radiation oncologist), unless it
 * is named as one already given ("inpatient rehabilitation after total knee replacement" is the rehabilitation).
 * An emergency visit's charges (`outranksAreaTreatment`) named first come first: their dispute is the emergency.
 */
function decidingOfConditionArea(
  procedures: readonly Found<ProcedureRow>[],
  conditions: readonly Found<Target>[],
  treatmentWords: readonly string[],
): Found<ProcedureRow> | undefined {
  if (procedures.length < 2 || !conditions.length) return undefined;
  // Named first (the treatments are in the text's order), it is what is disputed, and what follows says what was done
  // in it ("emergency department fee (incision and drainage)"); named after a treatment it is not.
  const first = procedures[0] as Found<ProcedureRow>;
  if (first.payload.outranksAreaTreatment && first.payload.decides && !notDisputed(first, treatmentWords))
    return first;
  const areas = new Set(conditions.map((found) => found.payload.area.id));
  return procedures.find(
    (found) => found.payload.decides && areas.has(found.payload.area) && !notDisputed(found, treatmentWords),
  );
}

/**
 * Of several conditions, the one the treatment treats ("autism and epilepsy" with anti-seizure medication: the
 * epilepsy), unless the treatment is one several areas give (`sharedByAreas`), the treatment field says what it is
 * for ("vagus nerve stimulation for depression"), or that condition is past history ("history of seizures").
 */
function conditionTreated(
  rules: SpecialistRules,
  procedure: Found<ProcedureRow> | undefined,
  conditions: readonly Found<Target>[],
  procedureText: string | undefined,
  treatmentWords: readonly string[],
  conditionText: string | undefined,
): Found<Target> | undefined {
  if (!procedure || conditions.length < 2 || procedure.payload.sharedByAreas) return undefined;
  const saysWhatFor =
    procedureText !== undefined &&
    treatmentWords.some((word) => FOR_WORDS.has(word)) &&
    findAll(rules.conditions, procedureText).some(
      (found) => found.payload.field !== true && FOR_WORDS.has(treatmentWords[found.start - 1] ?? ''),
    );
  if (saysWhatFor) return undefined;
  const isPast = pastHistoryTest(conditionText);
  return conditions.find(
    (found) => !isContextOnly(found) && found.payload.area.id === procedure.payload.area && !isPast(found),
  );
}

/** Older-adult words that are also a school year's ("a high school senior"): they never say adult by themselves. */
const SCHOOL_SENIOR: ReadonlySet<string> = new Set(['senior', 'seniors']);

/** Words that say what a treatment is for, before a condition in the treatment field ("IVIG for myasthenic crisis"). */
const FOR_WORDS = new Set(['for', 'treat', 'treating', 'against']);

/** Words that say what follows is the cause of what comes before: "from", "due to", "caused by", "secondary to". */
const CAUSE_WORDS: ReadonlySet<string> = new Set(['from', 'due', 'caused', 'secondary', 'because']);
/** The most words between a symptom and its cause: "back pain that comes from", not a list of conditions. */
const CAUSE_REACH = 4;
/** Words that may stand between a word of cause and the cause: "due to a", "caused by his", "because of the". */
const CAUSE_FILLERS: ReadonlySet<string> = new Set('to by of a an the his her my their'.split(' '));

/**
 * The cause of a symptom named first, when its area yields to a named cause (`yieldsToNamedCause`: "back pain from
 * multiple myeloma" is the myeloma's): a disease of a range of one of the areas it lists, found by a phrase within a
 * few words of the symptom, right after a word of cause. Undefined when the first condition is no such symptom or
 * names no such cause.
 */
function namedCause(
  conditions: readonly Found<Target>[],
  words: readonly string[],
): Found<Target> | undefined {
  const first = conditions.find((found) => !isContextOnly(found));
  const causeAreas = first?.indexRow === undefined ? first?.payload.area.yieldsToNamedCause : undefined;
  if (first === undefined || causeAreas === undefined) return undefined;
  // A disease of a range of the areas named as causes (found by a phrase), right after the word of cause: not a
  // treatment or a trait an area phrase names ("neuropathic pain due to chemotherapy", "back pain from obesity"),
  // nor a condition listed after another cause ("back pain from work and diabetes"), as a review found.
  const isCause = (later: Found<Target>) => {
    if (later.indexRow !== undefined || later.payload.range === undefined || later.start <= first.end)
      return false;
    if (!causeAreas.includes(later.payload.area.id)) return false;
    // `end` is a phrase's last word.
    const between = words.slice(first.end + 1, later.start);
    const cause = between.findIndex((word) => CAUSE_WORDS.has(word));
    return (
      between.length <= CAUSE_REACH &&
      cause >= 0 &&
      between.slice(cause + 1).every((word) => CAUSE_FILLERS.has(word))
    );
  };
  return conditions.find(isCause);
}

/** A condition found by an area phrase that says how an injury came about, not what is injured. */
function isContextOnly(found: Found<Target>): boolean {
  return (
    found.indexRow === undefined &&
    found.payload.range === undefined &&
    found.payload.area.contextPhrases === true
  );
}

/**
 * The conditions with a specific one first when the first names only its field: "Cancer - Prostate cancer",
 * "Mental Health - Substance Abuse", as regulators and claim systems write a category before the diagnosis.
 * A later condition is the same one stated more narrowly when its range lies inside the first one's range (C61
 * inside C00–D49), or inside the first one's area when that was found by an area phrase, without a range.
 */
function specificFirst(found: Found<Target>[]): Found<Target>[] {
  const first = found[0];
  if (!first || found.length < 2) return found;
  const narrower = found.findIndex((item, index) => index > 0 && isNarrower(item.payload, first.payload));
  if (narrower < 0) return found;
  return [found[narrower] as Found<Target>, ...found.filter((_, index) => index !== narrower)];
}

/**
 * For a condition a qualifier reads as a narrower range ("benign tumor": D10–D36), the code inside that range that the
 * ICD-10-CM search finds for the rest of its clause, when that code reads every word of it: "benign neoplasm of the
 * ovary" is D27 (the gynecologist's). Not where a word is left unread: "benign tumor of the parotid gland" is not the
 * thyroid's D34 by "gland", nor "benign tumor and high blood pressure" any benign neoplasm; the range answers then.
 */
function namedInside(
  rules: SpecialistRules,
  found: Found<Target>,
  text: string,
  words: readonly string[],
  age: number | undefined,
): ConditionMatch<Target> | undefined {
  const inner = found.payload.range;
  const index = rules.conditionIndex;
  if (!inner || !index || found.qualifiedFrom === undefined) return undefined;
  const { clause } = clausesOfWords(text);
  let last = found.end;
  while (last + 1 < words.length && clause[last + 1] === clause[found.end]) last++;
  const rest = index.termsOf(words.slice(found.end + 1, last + 1).join(' '));
  if (!rest.length) return undefined;
  const accept = (row: IndexRow, target: Target) =>
    rangeHolds(inner, row) &&
    (row.from !== inner.from || (row.to ?? row.from) !== (inner.to ?? inner.from)) &&
    ageFits(age, target);
  const match = index.find(words.slice(found.qualifiedFrom, last + 1).join(' '), accept);
  return match && rest.every((word) => match.words.includes(word)) ? match : undefined;
}

/** The malignant and in situ neoplasms of ICD-10-CM chapter 2 (C00–D09), and its benign ones (D10–D36). */
const MALIGNANT = { from: 'C00', to: 'D09' };
const BENIGN = { from: 'D10', to: 'D36' };

/**
 * A cancer named after a benign growth routes first ("a hepatic adenoma and liver cancer", "a benign bone tumour, now
 * bone metastases"): the cancer is what the oncologist judges, the growth beside it background. A cancer is a
 * condition of a malignant or in situ range; not the neoplasm chapter's plain words, which name a hemangioma's
 * "vascular tumor" as well. The ranges are the code set's own chapter structure.
 */
function cancerFirst(found: Found<Target>[]): Found<Target>[] {
  if (found.length < 2) return found;
  const rangeOf = (item: Found<Target>) => item.indexRow ?? item.payload.range;
  const benign = found.findIndex((item) => {
    const range = rangeOf(item);
    return range !== undefined && rangeHolds(BENIGN, range);
  });
  if (benign < 0) return found;
  const cancer = found.findIndex((item, index) => {
    const range = rangeOf(item);
    return index > benign && range !== undefined && rangeHolds(MALIGNANT, range);
  });
  if (cancer < 0) return found;
  const reordered = found.filter((_, index) => index !== cancer);
  reordered.splice(benign, 0, found[cancer] as Found<Target>);
  return reordered;
}

/** Whether a target is strictly inside another: its range within the other's range, or within its area. */
function isNarrower(inner: Target, outer: Target): boolean {
  const range = inner.range;
  if (!range) return false;
  if (!outer.range) return inner.area.id === outer.area.id;
  return range.id !== outer.range.id && rangeHolds(outer.range, range);
}

/** The childhood condition or treatment among the signals, named as the evidence shows it. */
function childhoodSign(
  range: RangeRow | undefined,
  condition: Found<Target> | undefined,
  procedure: ProcedureRow | undefined,
): string | undefined {
  if (range?.pediatric) return `a childhood condition (${range.title})`;
  // An index row found from some of its words ("emotional problems" for the block of childhood behavioural
  // and emotional disorders) routes, but says child only when the text names the condition whole.
  const named = condition?.indexRow === undefined || condition.whole === true;
  if (named && condition?.indexRow?.pediatric) return `a childhood condition (${condition.indexRow.title})`;
  if (named && condition?.payload.range?.pediatric)
    return `a childhood condition (${condition.payload.range.title})`;
  if (procedure?.pediatric) return `a treatment for children (${procedure.name})`;
  return undefined;
}

/**
 * Whether a treatment overturn does not read says it is an operation: a word of `operations.words` ("surgery",
 * "repair"), or a word ending as the names of operations do (-ectomy, -otomy, -ostomy, -pexy: "a lobectomy", "a
 * gastropexy"). The endings are written here, not as data, because they are the medical
 * vocabulary's own word-building, not a rule set's choice.
 */
function namesOperation(rules: SpecialistRules, words: readonly string[]): boolean {
  if (wordIn(rules.operationWords, words) !== undefined) return true;
  return words.some((word) => OPERATION_ENDING.test(word));
}
// Not -plasty: an angioplasty or a bronchial thermoplasty is done through a catheter or a scope.
const OPERATION_ENDING = /(?:ectomy|ectomies|otomy|otomies|ostomy|ostomies|pexy)$/;

/**
 * Without an age, a treatment of daily living given for chronic diseases of age in several areas at once
 * (`olderFromConditions`: heart failure, a stroke and osteoarthritis), none of them a childhood condition or one
 * present from birth, says older adult. `conditionsOfAge` lists the areas (or ranges, such as Parkinson's disease)
 * that count.
 */
function severalConditions(
  atLeast: number | undefined,
  conditions: readonly Found<Target>[],
  conditionsOfAge: readonly string[] | undefined,
): string | undefined {
  if (atLeast === undefined || !conditionsOfAge || conditions.length < atLeast) return undefined;
  const counted = new Set<string>();
  for (const found of conditions) {
    if (found.payload.field === true) continue;
    const { range, area } = found.payload;
    if (
      range?.pediatric ||
      range?.lifelong ||
      found.indexRow?.pediatric ||
      area.childrenOnly ||
      area.lifelong
    )
      return undefined;
    if (range && conditionsOfAge.includes(range.id)) counted.add(range.id);
    else if (conditionsOfAge.includes(area.id)) counted.add(area.id);
  }
  return counted.size >= atLeast
    ? `chronic conditions of later life in ${counted.size} body systems named together`
    : undefined;
}

function procedureTarget(
  rules: SpecialistRules,
  row: ProcedureRow,
  /** A child's, with nothing named that keeps the condition's own specialists ({@link childAreaException}). */
  childAreaHolds: boolean,
  diagnosed?: Target,
): Target {
  // A child's home nursing is the pediatrician's to judge (`childArea`), unless a condition named is one judged
  // on function (`childAreaExceptFor`: a paralysis, a brain injury). A condition of the child's area keeps its
  // range (a premature baby's neonatologist, an autistic child's developmental-behavioral pediatrician).
  if (childAreaHolds && row.childArea) {
    if (diagnosed?.area.id === row.childArea) return diagnosed;
    return { area: rules.areas.get(row.childArea) as AreaRow };
  }
  // A treatment that says so (`keepsDiagnosisRange`) keeps the diagnosis's range in its own area, with the range's
  // subspecialist and alternatives (an opioid use disorder's psychiatric treatment stays the addiction
  // psychiatrist's; a skin abscess's drainage keeps the abscess's alternatives). Not by default: for the area's
  // general services (cardiac rehabilitation, home oxygen, glasses) the diagnosis's subspecialist is a worse reviewer.
  const area = rules.areas.get(row.area) as AreaRow;
  if (
    row.keepsDiagnosisRange === true &&
    diagnosed?.range !== undefined &&
    diagnosed.range.specialty === undefined &&
    diagnosed.area.id === row.area
  )
    return diagnosed;
  return (row.range ? rules.rangeTargets.get(row.range) : undefined) ?? { area };
}

/** A header before the case's own words: "Respiratory System - Cough", "Central Nervous System/ Neuromuscular: …". */
const HEADER = /^([^-\u2013\u2014:]{1,80}?)\s*[-\u2013\u2014:]\s/;

/** How many words a header before a dash or colon holds (0 without one). */
function wordsOfHeader(text: string): number {
  const header = HEADER.exec(text);
  return header ? tokenize(header[1] as string).length : 0;
}

const NO_ALTERNATIVES: readonly AlternativeSpecialist[] = [];
/** Whether a patient of this age (any, when none is given) can have the target's condition (its range's minimum age). */
function ageFits(age: number | undefined, target: Target): boolean {
  return age === undefined || age >= (target.range?.minimumAge ?? 0);
}

const NO_WORDS: readonly string[] = [];
const NO_CODES: readonly CodeInText[] = [];
const NO_AGES: readonly StatedAge[] = [];

/**
 * A row's alternatives as specialists. One meant for an age group ("a child neurologist, for a child") is left
 * out when the age given says otherwise; without an age, all stay.
 */
function alternativesOf(
  rules: SpecialistRules,
  list: readonly AlternativeRow[] | undefined,
  age: number | undefined,
  child: boolean,
  older: boolean,
): readonly AlternativeSpecialist[] {
  // Most rows have none: no array is made for them (analyzeCase runs this per request).
  if (!list?.length) return NO_ALTERNATIVES;
  const result: AlternativeSpecialist[] = [];
  for (const alternative of list) {
    const { onlyFor } = alternative;
    if (onlyFor !== undefined) {
      // A given age decides; without one, an alternative for the other group is left out when the text says the
      // patient is in one (a pediatric physiatrist is not offered for "my 80-year-old mother").
      const inGroup = onlyFor === 'children' ? child : older;
      const inOtherGroup = onlyFor === 'children' ? older : child;
      if (age !== undefined ? !inGroup : inOtherGroup) continue;
    }
    result.push(toSpecialist(rules.specialties.get(alternative.code) as SpecialtyRow, alternative.reason));
  }
  return result;
}

function toSpecialist(row: SpecialtyRow, reason?: string): AlternativeSpecialist {
  const result: AlternativeSpecialist = { name: row.name, taxonomyCode: row.code };
  if (row.board) result.board = row.board.name;
  if (reason) result.reason = reason;
  return result;
}

const clip = (text: string) => {
  const trimmed = text.trim().replace(/\s+/g, ' ');
  return trimmed.length > 80 ? `${trimmed.slice(0, 77)}...` : trimmed;
};
