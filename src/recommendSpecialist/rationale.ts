/**
 * The paragraph a patient reads: why this specialist, in plain words, from what routed the answer, the
 * specialty and subspecialty, the disputed procedure or drug, the claim and denial context and the guidelines.
 * @module
 */

import { span } from './icd10.js';
import type { Route } from './recommend.js';
import type { AreaRow, CategoryRow, ClaimTypeRow, SpecialtyRow } from './ruleData.js';

/** "a" or "an" before a word, by its sound for the names used here ("a urologist", "an oncologist"). */
const article = (word: string) => (/^[aeio]|^u(?![rsv]|ni)/i.test(word) ? 'an' : 'a');

const capitalize = (word: string) => word.charAt(0).toUpperCase() + word.slice(1);

function joinAnd(items: readonly string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} and ${items.at(-1)}`;
}

export function rationale(parts: {
  route: Route;
  routedArea: AreaRow;
  area: AreaRow;
  specialty: SpecialtyRow;
  subspecialty: SpecialtyRow | undefined;
  performer: SpecialtyRow | undefined;
  /** The subspecialist is the area's surgeon, preferred because the treatment is an operation not known by name. */
  operatedBySubspecialist?: boolean;
  procedureName: string | undefined;
  /** The procedure is a drug: its specialty prescribes it. */
  drug: boolean;
  context: readonly (ClaimTypeRow | CategoryRow)[];
  guidelines: readonly string[];
}): string {
  const { route, routedArea, area, specialty, subspecialty, performer } = parts;
  const sentences: string[] = [];
  switch (route.kind) {
    case 'icd10':
      sentences.push(
        `Diagnosis code ${route.hit.code.display} is in ${span(route.hit.target.range)} (${route.hit.target.range.title}).`,
      );
      break;
    case 'condition':
      sentences.push(
        route.found.indexRow
          ? `"${route.found.phrase}" is closest to ICD-10-CM ${span(route.found.indexRow)} (${route.found.indexRow.title}), in the condition area "${route.found.payload.area.name}".`
          : `"${route.found.phrase}" belongs to the condition area "${route.found.payload.area.name}".`,
      );
      break;
    case 'procedure': {
      const { name, drug } = route.found.payload;
      // A child's route of its own (`childArea`): the treatment is ordered and overseen there, not performed.
      const forChild =
        route.found.payload.childArea === routedArea.id && route.found.payload.area !== routedArea.id;
      if (!route.decides)
        sentences.push(
          forChild
            ? `No recognised diagnosis was given; for a child, ${name} is ordered and overseen in "${routedArea.name}".`
            : `No recognised diagnosis was given; ${name} belongs to the condition area "${routedArea.name}".`,
        );
      else if (forChild)
        sentences.push(
          `${capitalize(name)} is in dispute: for a child it is ordered and overseen in "${routedArea.name}", whose specialty is best placed to judge whether it is needed.`,
        );
      else if (drug)
        sentences.push(
          `The dispute is over ${name}: the specialty that prescribes the treatment is best placed to judge whether it is needed.`,
        );
      else
        sentences.push(
          `${capitalize(name)} is in dispute: the specialty that performs or manages it is best placed to judge whether it is needed.`,
        );
      break;
    }
    case 'claim_type':
      sentences.push(
        `No recognised diagnosis was given, so the claim type sets the condition area: "${routedArea.name}".`,
      );
      break;
    case 'fallback':
      sentences.push(
        'Nothing in the input matched a condition overturn knows, so a general internist is suggested until the diagnosis is known.',
      );
      break;
  }
  if (area.id !== routedArea.id) {
    sentences.push(`For this claim, denial or patient, the area that fits better is "${area.name}".`);
  }
  sentences.push(
    `Ask for a board-certified ${specialty.plainName}: the reviewer should be in the same or a similar specialty as the one that typically manages the condition or treatment in dispute.`,
  );
  if (subspecialty) {
    const name = subspecialty.plainName;
    // A therapist, a chiropractor or a neuropsychologist under a physician or a dentist is not a subspecialist
    // but the profession that gives the treatment, the closest peer for its dispute: NUCC's taxonomy groups each
    // profession under its own two first characters (physicians 20, dentists 12, therapists 22 and 23).
    const otherProfession = specialty.code.slice(0, 2) !== subspecialty.code.slice(0, 2);
    sentences.push(
      parts.operatedBySubspecialist && parts.procedureName
        ? `Because ${parts.procedureName} is an operation, ${article(name)} ${name}, who operates on these conditions, is the preferred subspecialist where one is available.`
        : !otherProfession
          ? `${capitalize(article(name))} ${name} is the preferred subspecialist where one is available.`
          : `${capitalize(article(name))} ${name}, of the profession that gives this care, is the preferred reviewer where one is available.`,
    );
  }
  if (performer && parts.procedureName) {
    sentences.push(
      `Because ${parts.procedureName} is in dispute, add the view of ${article(performer.plainName)} ${performer.plainName}, the specialty that ${parts.drug ? 'prescribes' : 'performs'} it.`,
    );
  }
  for (const row of parts.context) if (row.rationale) sentences.push(row.rationale);
  const cite = parts.guidelines.slice(0, 2);
  sentences.push(
    `Ask for a full written report that answers the insurer's stated reason point by point${cite.length ? ` and cites the relevant guidelines (such as ${joinAnd(cite)})` : ' and cites the relevant clinical guidelines'}.`,
  );
  return sentences.join(' ');
}
