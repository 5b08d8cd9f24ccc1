/**
 * The bundled state rule files (`rules/states/`), one import per jurisdiction so a bundler inlines them.
 * Keep in step with `rules/manifest.json` (test/states.test.ts checks it).
 */

import stateAK from '../../rules/states/ak.json';
import stateAL from '../../rules/states/al.json';
import stateAR from '../../rules/states/ar.json';
import stateAZ from '../../rules/states/az.json';
import stateCA from '../../rules/states/ca.json';
import stateCO from '../../rules/states/co.json';
import stateCT from '../../rules/states/ct.json';
import stateDC from '../../rules/states/dc.json';
import stateDE from '../../rules/states/de.json';
import stateFL from '../../rules/states/fl.json';
import stateGA from '../../rules/states/ga.json';
import stateHI from '../../rules/states/hi.json';
import stateIA from '../../rules/states/ia.json';
import stateID from '../../rules/states/id.json';
import stateIL from '../../rules/states/il.json';
import stateIN from '../../rules/states/in.json';
import stateKS from '../../rules/states/ks.json';
import stateKY from '../../rules/states/ky.json';
import stateLA from '../../rules/states/la.json';
import stateMA from '../../rules/states/ma.json';
import stateMD from '../../rules/states/md.json';
import stateME from '../../rules/states/me.json';
import stateMI from '../../rules/states/mi.json';
import stateMN from '../../rules/states/mn.json';
import stateMO from '../../rules/states/mo.json';
import stateMS from '../../rules/states/ms.json';
import stateMT from '../../rules/states/mt.json';
import stateNC from '../../rules/states/nc.json';
import stateND from '../../rules/states/nd.json';
import stateNE from '../../rules/states/ne.json';
import stateNH from '../../rules/states/nh.json';
import stateNJ from '../../rules/states/nj.json';
import stateNM from '../../rules/states/nm.json';
import stateNV from '../../rules/states/nv.json';
import stateNY from '../../rules/states/ny.json';
import stateOH from '../../rules/states/oh.json';
import stateOK from '../../rules/states/ok.json';
import stateOR from '../../rules/states/or.json';
import statePA from '../../rules/states/pa.json';
import stateRI from '../../rules/states/ri.json';
import stateSC from '../../rules/states/sc.json';
import stateSD from '../../rules/states/sd.json';
import stateTN from '../../rules/states/tn.json';
import stateTX from '../../rules/states/tx.json';
import stateUT from '../../rules/states/ut.json';
import stateVA from '../../rules/states/va.json';
import stateVT from '../../rules/states/vt.json';
import stateWA from '../../rules/states/wa.json';
import stateWI from '../../rules/states/wi.json';
import stateWV from '../../rules/states/wv.json';
import stateWY from '../../rules/states/wy.json';

/** Each state file by its path in the manifest. */
export const STATE_RULE_FILES: Readonly<Record<string, unknown>> = {
  'states/al.json': stateAL,
  'states/ak.json': stateAK,
  'states/az.json': stateAZ,
  'states/ar.json': stateAR,
  'states/ca.json': stateCA,
  'states/co.json': stateCO,
  'states/ct.json': stateCT,
  'states/de.json': stateDE,
  'states/dc.json': stateDC,
  'states/fl.json': stateFL,
  'states/ga.json': stateGA,
  'states/hi.json': stateHI,
  'states/id.json': stateID,
  'states/il.json': stateIL,
  'states/in.json': stateIN,
  'states/ia.json': stateIA,
  'states/ks.json': stateKS,
  'states/ky.json': stateKY,
  'states/la.json': stateLA,
  'states/me.json': stateME,
  'states/md.json': stateMD,
  'states/ma.json': stateMA,
  'states/mi.json': stateMI,
  'states/mn.json': stateMN,
  'states/ms.json': stateMS,
  'states/mo.json': stateMO,
  'states/mt.json': stateMT,
  'states/ne.json': stateNE,
  'states/nv.json': stateNV,
  'states/nh.json': stateNH,
  'states/nj.json': stateNJ,
  'states/nm.json': stateNM,
  'states/ny.json': stateNY,
  'states/nc.json': stateNC,
  'states/nd.json': stateND,
  'states/oh.json': stateOH,
  'states/ok.json': stateOK,
  'states/or.json': stateOR,
  'states/pa.json': statePA,
  'states/ri.json': stateRI,
  'states/sc.json': stateSC,
  'states/sd.json': stateSD,
  'states/tn.json': stateTN,
  'states/tx.json': stateTX,
  'states/ut.json': stateUT,
  'states/vt.json': stateVT,
  'states/va.json': stateVA,
  'states/wa.json': stateWA,
  'states/wv.json': stateWV,
  'states/wi.json': stateWI,
  'states/wy.json': stateWY,
};
