/** The texts of findings, in Japanese and English. Logic passes facts; the wording lives here. */
import { ITEMS, USES, type ItemId, type UseId } from '../policy';
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

export const findingText = {
  itemNotEligible: (item: string): Bilingual => ({
    ja: `「${item}」は対象品目（ＣＮＣ、サーボ機構、ＣＮＣシステム、減速機、ＰＬＣ、ボールねじ、リニアガイド、リニアスケール、ミネラルキャスト）ではありません`,
    en: `"${item}" is not an eligible item (CNC, servo mechanism, CNC system, reducer, PLC, ball screw, linear guide, linear scale, mineral cast)`,
  }),
  targetShort: (p: { year: number; multiplier: string; required: string; forecast: string | null; shortfall: string; unit: string }): Bilingual =>
    p.forecast === null
      ? {
          ja: `${p.year}年の目標時点に生産能力の見込みがありません（必要 ${n(p.required)}${p.unit}＝2021年比${p.multiplier}倍）`,
          en: `No capacity forecast for target point ${p.year} (required ${nu(p.required, p.unit)} = ${p.multiplier}× 2021)`,
        }
      : {
          ja: `${p.year}年：見込み ${n(p.forecast)}${p.unit} は必要な ${n(p.required)}${p.unit}（2021年比${p.multiplier}倍）に ${n(p.shortfall)}${p.unit} 不足`,
          en: `${p.year}: forecast ${nu(p.forecast, p.unit)} is ${nu(p.shortfall, p.unit)} short of the required ${nu(p.required, p.unit)} (${p.multiplier}× 2021)`,
        },
  targetNone: (): Bilingual => ({
    ja: '2030年までの目標時点がありません（2025〜2030年の見込みを入力するか、目標時点を指定してください）',
    en: 'No target point up to 2030 (enter forecasts for 2025–2030 or name target points)',
  }),
  noLines: (): Bilingual => ({
    ja: '計画に品目の行がありません',
    en: 'The plan has no lines',
  }),
  targetAfter2030: (year: number): Bilingual => ({
    ja: `目標時点 ${year}年は2030年より後です（目標時点は2030年までの各時点）`,
    en: `Target point ${year} is after 2030 (target points must be up to 2030)`,
  }),
  periodTooShort: (p: { start: string; end: string; requiredEnd: string; years: number }): Bilingual => ({
    ja: `国内生産能力強化の期間 ${p.start}〜${p.end}（${p.years}年）は10年以上必要です（${p.requiredEnd}まで）`,
    en: `Capacity activity ${p.start} to ${p.end} (${p.years} full years) must run 10 years or more (to ${p.requiredEnd})`,
  }),
  periodTooLong: (p: { start: string; end: string; latestEnd: string }): Bilingual => ({
    ja: `研究開発の期間 ${p.start}〜${p.end} は開始から5年以内（${p.latestEnd}まで）に終える必要があります`,
    en: `R&D ${p.start} to ${p.end} must finish within 5 years of its start (by ${p.latestEnd})`,
  }),
  rndNoTargets: (): Bilingual => ({
    ja: '研究開発に国内生産能力強化に向けた定量的な目標（性能、コスト等）が設定されていません',
    en: 'The R&D sets no quantitative targets (performance, cost, etc.) for capacity strengthening',
  }),
  rndNoFollowOn: (): Bilingual => ({
    ja: '研究開発の終了後に、目標を満たす国内生産能力強化の取組の実施が予定されていることが明示されていません',
    en: 'The R&D does not state that a capacity-strengthening activity meeting the targets follows it',
  }),
  declinesAfterTarget: (p: { year: number; lastTarget: number; forecast: string; kept: string; unit: string }): Bilingual => ({
    ja: `${p.year}年の見込み ${n(p.forecast)}${p.unit} は最後の目標時点 ${p.lastTarget}年の ${n(p.kept)}${p.unit} を下回ります（確保した供給能力の維持）`,
    en: `${p.year} forecast ${nu(p.forecast, p.unit)} falls below ${nu(p.kept, p.unit)} at the last target point ${p.lastTarget} (capacity secured must be kept)`,
  }),
  checklistUnconfirmed: (label: Bilingual): Bilingual => ({
    ja: `未確認：${label.ja}`,
    en: `Not confirmed: ${label.en}`,
  }),
  checklistNoEvidence: (label: Bilingual): Bilingual => ({
    ja: `確認済みですが根拠（申請書の記載箇所）がありません：${label.ja}`,
    en: `Confirmed without an evidence note (where the application shows it): ${label.en}`,
  }),
  overseasPriorConsultation: (p: { base: string; growth: string | null }): Bilingual => ({
    ja: `海外拠点「${p.base}」の${p.growth === null ? '新設' : `能力増強（${p.growth}%）`}は行為(ⅴ)に当たり、おそれがあるため実施前に経済産業省への事前相談が必要です`,
    en: `Overseas base "${p.base}": ${p.growth === null ? 'a new base' : `capacity growth of ${p.growth}%`} is act (v); with a known risk it needs prior consultation with METI before it is carried out`,
  }),
  overseasActV: (p: { base: string; growth: string | null }): Bilingual => ({
    ja: `海外拠点「${p.base}」の${p.growth === null ? '新設' : `能力増強（${p.growth}%）`}は行為(ⅴ)に当たります（事前相談の要否を確認してください）`,
    en: `Overseas base "${p.base}": ${p.growth === null ? 'a new base' : `capacity growth of ${p.growth}%`} is act (v) (check whether prior consultation is needed)`,
  }),
  activityMissing: (): Bilingual => ({
    ja: '取組の種類と期間（開始日・終了日）がありません',
    en: 'The activity kind and period (start and end dates) are missing',
  }),
  inputInvalid: (where: string, what: Bilingual): Bilingual => ({
    ja: `${where}: ${what.ja}`,
    en: `${where}: ${what.en}`,
  }),
};
