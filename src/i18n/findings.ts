/**
 * The texts of findings, in Japanese and English, one entry per finding code of src/policy/findings.ts (the table
 * the engine reads for severity and section). Logic passes facts; the wording lives here. Item lists and the
 * periods' years come from src/policy, never written again here.
 */
import { ITEMS, PERIOD_RULES, TRANSFER_ACTS, USES, type ItemId, type TransferActId, type UseId } from '../policy';
import type { FindingCode } from '../policy/findings';
import { formatNumber, type Bilingual, type Lang } from './format';

export function itemName(id: ItemId, lang: Lang): string {
  const item = ITEMS.find((i) => i.id === id);
  return item ? item[lang] : id;
}

export function useName(id: UseId, lang: Lang): string {
  const use = USES.find((u) => u.id === id);
  return use ? use[lang] : id;
}

const n = formatNumber;
/** A number and its unit in English text: "4,332.9 台/年", or just "4,332.9" when the line has no unit. */
const nu = (value: string, unit: string): string => (unit ? `${n(value)} ${unit}` : n(value));
/** An activity's name in a message: 「製造ライン増強」, or nothing for a plan's only, unnamed activity. */
const qj = (name: string) => (name ? `「${name}」` : '');
const qe = (name: string) => (name ? `"${name}" ` : '');
const ITEM_LIST_JA = ITEMS.map((i) => i.ja).join('、');
const ITEM_LIST_EN = ITEMS.map((i) => i.en).join(', ');
const CAPACITY_YEARS = PERIOD_RULES.capacity.years;
const RND_YEARS = PERIOD_RULES.rnd.years;

function act(id: TransferActId): { numeral: string; ja: string; en: string; roman: string } {
  const a = TRANSFER_ACTS.find((x) => x.id === id)!;
  return { numeral: a.numeral, ja: a.ja, en: a.en, roman: a.id };
}

/** Which of ① / ② makes prior consultation necessary. */
export type ConsultationGround = 'risk' | 'meti' | 'both';
const groundJa = (g: ConsultationGround) => (g === 'risk' ? '①（流出のおそれを申請者が知った）' : g === 'meti' ? '②（経済産業省から事前相談の連絡を受けた）' : '①及び②');
const groundEn = (g: ConsultationGround) => (g === 'risk' ? '① (the applicant knows of a leak risk)' : g === 'meti' ? '② (METI has asked for it)' : '① and ②');

interface Params {
  'item.not-eligible': { item: string };
  'item.ambiguous': { item: string; candidates: readonly ItemId[] };
  'target.short': { year: number; multiplier: string; required: string; forecast: string | null; shortfall: string; unit: string; lines: number };
  'target.none': { noLines?: boolean };
  'target.after-2030': { year: number };
  'target.before-activity': { year: number; activity: string; start: string };
  'forecast.missing': { year: number; lines: number };
  'group.unit-mismatch': { units: readonly string[] };
  'line.duplicate': { of: number };
  'baseline.zero': Record<string, never>;
  'baseline.mismatch': { baseline: string; forecast2021: string; unit: string };
  'period.too-short': { activity: string; start: string; end: string; requiredEnd: string; years: number };
  'period.too-long': { activity: string; start: string; end: string; latestEnd: string };
  'activity.no-investment': { activity: string };
  'activity.missing': Record<string, never>;
  'rnd.no-quantitative-targets': { activity: string; vague: readonly string[] };
  'rnd.no-follow-on': { activity: string; named?: string };
  'rnd.follow-on-overlaps': { activity: string; followOn: string; rndEnd: string; followOnStart: string };
  'capacity.declines-after-target': { year: number; lastTarget: number; forecast: string; kept: string; unit: string };
  'checklist.unconfirmed': { label: Bilingual };
  'checklist.no-evidence': { label: Bilingual };
  'coretech.none-listed': Record<string, never>;
  'policy.former-version': { date: string; from: string };
  'overseas.prior-consultation': { act: TransferActId; who: string; ground: ConsultationGround; growth: string | null };
  'overseas.act-v': { base: string; growth: string | null; local: string };
  'overseas.act': { act: TransferActId; who: string };
  'yearbasis.fiscal': Record<string, never>;
  'consideration.unconfirmed': { label: Bilingual };
  'input.invalid': { where: string; what: Bilingual };
}

export type FindingParams<C extends FindingCode> = Params[C];

type Texts = { [C in FindingCode]: (p: Params[C]) => Bilingual };

const growthJa = (g: string | null) => (g === null ? '新設' : `能力増強（${g}%）`);
const growthEn = (g: string | null) => (g === null ? 'a new base' : `capacity growth of ${g}%`);

export const findingText: Texts = {
  'item.not-eligible': ({ item }) => ({
    ja: `「${item}」は対象品目（${ITEM_LIST_JA}）ではありません`,
    en: `"${item}" is not an eligible item (${ITEM_LIST_EN})`,
  }),
  'item.ambiguous': ({ item, candidates }) => ({
    ja: `「${item}」はどの品目か決められません（${candidates.map((c) => itemName(c, 'ja')).join('か')}か）。品目名で指定してください（例：ロボット向けコントローラ、ＰＬＣ）`,
    en: `"${item}" could be more than one item (${candidates.map((c) => itemName(c, 'en')).join(' or ')}); name the item (e.g. robot controller, PLC)`,
  }),
  'target.short': (p) => {
    const sumJa = p.lines > 1 ? `（${p.lines}行の合計）` : '';
    const sumEn = p.lines > 1 ? ` (the sum of ${p.lines} lines)` : '';
    return p.forecast === null
      ? {
          ja: `${p.year}年の目標時点に生産能力の見込みがありません（必要 ${n(p.required)}${p.unit}＝2021年比${p.multiplier}倍）`,
          en: `No capacity forecast for target point ${p.year} (required ${nu(p.required, p.unit)} = ${p.multiplier}× 2021)`,
        }
      : {
          ja: `${p.year}年：見込み ${n(p.forecast)}${p.unit}${sumJa} は必要な ${n(p.required)}${p.unit}（2021年比${p.multiplier}倍）に ${n(p.shortfall)}${p.unit} 不足`,
          en: `${p.year}: forecast ${nu(p.forecast, p.unit)}${sumEn} is ${nu(p.shortfall, p.unit)} short of the required ${nu(p.required, p.unit)} (${p.multiplier}× 2021)`,
        };
  },
  'target.none': ({ noLines }) =>
    noLines
      ? { ja: '計画に品目の行がありません', en: 'The plan has no lines' }
      : {
          ja: '2030年までの目標時点がありません（2025〜2030年の見込みを入力するか、目標時点を指定してください）',
          en: 'No target point up to 2030 (enter forecasts for 2025–2030 or name target points)',
        },
  'target.after-2030': ({ year }) => ({
    ja: `目標時点 ${year}年は2030年より後のため倍率の目標がなく、参考として表示します`,
    en: `Target point ${year} is after 2030: it has no multiplier and is shown for reference`,
  }),
  'target.before-activity': ({ year, activity, start }) => ({
    ja: `目標時点 ${year}年は、これを達成する取組${qj(activity)}の開始（${start}）より前の年です（取組の成果とは認められない可能性があります）`,
    en: `Target point ${year} is in a year before the activity ${qe(activity)}that delivers it starts (${start}); it may not count as that activity's achievement`,
  }),
  'forecast.missing': ({ year, lines }) => ({
    ja: `${year}年は同じ品目・使途の目標時点ですが、この行に見込みがありません（0 として${lines}行を合計しています）`,
    en: `${year} is a target point of this item and use, but this line has no forecast for it (counted as 0 in the sum of ${lines} lines)`,
  }),
  'group.unit-mismatch': ({ units }) => ({
    ja: `同じ品目・使途の行で単位が異なります（${units.map((u) => `「${u}」`).join('、')}）。合計できないため判定していません`,
    en: `Lines of the same item and use have different units (${units.map((u) => `"${u}"`).join(', ')}); they cannot be summed, so the group is not judged`,
  }),
  'line.duplicate': ({ of }) => ({
    ja: `${of + 1}行目とすべての数値が同じです（二重計上か複写の誤りではありませんか）`,
    en: `Every figure is the same as line ${of + 1} (counted twice, or a copy error?)`,
  }),
  'baseline.zero': () => ({
    ja: '2021年の生産能力が 0 のため倍率を計算できず、目標時点は判定していません（新規参入の場合、目標の測り方を経済産業省と調整してください）',
    en: 'The 2021 capacity is 0, so multiples cannot be computed and the target points are not judged (for a new entrant, agree with METI how the target is measured)',
  }),
  'baseline.mismatch': ({ baseline, forecast2021, unit }) => ({
    ja: `2021年の見込み ${n(forecast2021)}${unit} が2021年の基準 ${n(baseline)}${unit} と異なります（倍率はすべて基準に基づきます）`,
    en: `The 2021 forecast ${nu(forecast2021, unit)} differs from the 2021 baseline ${nu(baseline, unit)} (every multiple rests on the baseline)`,
  }),
  'period.too-short': (p) => ({
    ja: `国内生産能力強化${qj(p.activity)}の期間 ${p.start}〜${p.end}（${p.years}年）は${CAPACITY_YEARS}年以上必要です（${p.requiredEnd}まで）`,
    en: `Capacity activity ${qe(p.activity)}${p.start} to ${p.end} (${p.years} full years) must run ${CAPACITY_YEARS} years or more (to ${p.requiredEnd})`,
  }),
  'period.too-long': (p) => ({
    ja: `研究開発${qj(p.activity)}の期間 ${p.start}〜${p.end} は開始から${RND_YEARS}年以内（${p.latestEnd}まで）に終える必要があります`,
    en: `R&D ${qe(p.activity)}${p.start} to ${p.end} must finish within ${RND_YEARS} years of its start (by ${p.latestEnd})`,
  }),
  'activity.no-investment': ({ activity }) => ({
    ja: `国内生産能力強化${qj(activity)}に設備投資（工場新設、生産ライン増強等）がないとされています`,
    en: `Capacity activity ${qe(activity)}states it has no capital investment (new plant, added lines and the like)`,
  }),
  'activity.missing': () => ({
    ja: '取組の種類と期間（開始日・終了日）がありません',
    en: 'The activity kind and period (start and end dates) are missing',
  }),
  'rnd.no-quantitative-targets': ({ activity, vague }) => ({
    ja: `研究開発${qj(activity)}に国内生産能力強化に向けた定量的な目標（性能、コスト等の数値）がありません${vague.length ? `（数値のない目標：${vague.map((v) => `「${v}」`).join('、')}）` : ''}`,
    en: `R&D ${qe(activity)}sets no quantitative target (a figure for performance, cost, etc.) for capacity strengthening${vague.length ? ` (targets without a figure: ${vague.map((v) => `"${v}"`).join(', ')})` : ''}`,
  }),
  'rnd.no-follow-on': ({ activity, named }) =>
    named
      ? {
          ja: `研究開発${qj(activity)}の後続の取組「${named}」が、計画の国内生産能力強化の取組にありません`,
          en: `The follow-on "${named}" of R&D ${qe(activity)}is not a capacity activity of the plan`,
        }
      : {
          ja: `研究開発${qj(activity)}の終了後に実施する国内生産能力強化の取組が示されていません`,
          en: `R&D ${qe(activity)}names no capacity-strengthening activity to follow it`,
        },
  'rnd.follow-on-overlaps': (p) => ({
    ja: `研究開発${qj(p.activity)}の後続の取組「${p.followOn}」の開始（${p.followOnStart}）が研究開発の終了（${p.rndEnd}）より後ではありません`,
    en: `The follow-on "${p.followOn}" of R&D ${qe(p.activity)}starts (${p.followOnStart}) on or before the R&D ends (${p.rndEnd})`,
  }),
  'capacity.declines-after-target': (p) => ({
    ja: `${p.year}年の見込み ${n(p.forecast)}${p.unit} は最後の目標時点 ${p.lastTarget}年の ${n(p.kept)}${p.unit} を下回ります（確保した供給能力の維持）`,
    en: `${p.year} forecast ${nu(p.forecast, p.unit)} falls below ${nu(p.kept, p.unit)} at the last target point ${p.lastTarget} (capacity secured must be kept)`,
  }),
  'checklist.unconfirmed': ({ label }) => ({
    ja: `未確認（認定の要件です）：${label.ja}`,
    en: `Not confirmed (a condition of certification): ${label.en}`,
  }),
  'checklist.no-evidence': ({ label }) => ({
    ja: `確認済みですが記載箇所（申請書のどこに示したか）がありません：${label.ja}`,
    en: `Confirmed without an evidence note (where the application shows it): ${label.en}`,
  }),
  'coretech.none-listed': () => ({
    ja: 'コア技術の特定を確認済みですが、計画にコア技術が記載されていません（名称と対象品目を記載してください）',
    en: 'Core technologies are confirmed as identified, but the plan lists none (give each its name and items)',
  }),
  'policy.former-version': ({ date, from }) => ({
    ja: `申請日 ${date} は改定後の取組方針の適用日（${from}）より前のため、従前の例によります（本ツールは改定後の取組方針で点検します）`,
    en: `The application date ${date} is before the revised policy applies (${from}): the former policy applies (this checker applies the revised policy)`,
  }),
  'overseas.prior-consultation': ({ act: id, who, ground, growth }) => {
    const a = act(id);
    const detailJa = id === 'v' ? `（${growthJa(growth)}）` : '';
    const detailEn = id === 'v' ? ` (${growthEn(growth)})` : '';
    return {
      ja: `${who}の行為（${a.numeral}）${a.ja}${detailJa}は${groundJa(ground)}に当たるため、実施前に十分な時間的余裕をもって経済産業省に事前相談が必要です`,
      en: `${who}'s act (${a.roman}) ${a.en}${detailEn}: ${groundEn(ground)} applies, so METI must be consulted well before it is carried out`,
    };
  },
  'overseas.act-v': ({ base, growth, local }) => ({
    ja: `海外拠点「${base}」の${growthJa(growth)}は行為（ⅴ）に当たります（現地消費 ${local}%）。①②に当たる場合は事前相談が必要です`,
    en: `Overseas base "${base}": ${growthEn(growth)} is act (v) (local consumption ${local}%); with ① or ② it needs prior consultation`,
  }),
  'overseas.act': ({ act: id, who }) => {
    const a = act(id);
    return {
      ja: `${who}の行為（${a.numeral}）${a.ja}を記録しました。①②に当たる場合は事前相談が必要です`,
      en: `Recorded: ${who}'s act (${a.roman}) ${a.en}; with ① or ② it needs prior consultation`,
    };
  },
  'yearbasis.fiscal': () => ({
    ja: '年度で作成された計画のため、倍率表の年を年度に読み替えて点検しています',
    en: 'The plan is kept in fiscal years: each year of the multiplier table is read as the fiscal year',
  }),
  'consideration.unconfirmed': ({ label }) => ({
    ja: `認定に当たって配慮される事項が未確認です：${label.ja}`,
    en: `A matter considered in certification is not confirmed: ${label.en}`,
  }),
  'input.invalid': ({ where, what }) => ({
    ja: `${where}: ${what.ja}`,
    en: `${where}: ${what.en}`,
  }),
};
