/**
 * The seed's rules as data. This is the only module that writes a number or a list taken from the policy:
 * 「工作機械及び産業用ロボットに係る安定供給確保を図るための取組方針」(METI, 令和６年３月２６日改定).
 * Every constant names the section of the seed it comes from; findings cite the same sections.
 */

export const SEED = {
  titleJa: '工作機械及び産業用ロボットに係る安定供給確保を図るための取組方針',
  titleEn: 'Policy for securing a stable supply of machine tools and industrial robots',
  publisherJa: '経済産業省',
  publisherEn: 'Ministry of Economy, Trade and Industry (METI)',
  revised: '2024-03-26',
  revisedJa: '令和６年３月２６日改定',
} as const;

/** Section citations, in the seed's own numbering. */
export const SECTIONS = {
  nationalTargets: '第1章第2節',
  items: '第2章第2節(1)①',
  capacityActivity: '第2章第2節(1)②',
  scope: '第3章第1節',
  capacityTargets: '第3章第2節 i',
  rndTargets: '第3章第2節 ii',
  competitiveness: '第3章第2節 iii',
  supplyPlan: '第3章第3節(1)',
  compliance: '第3章第3節(2)',
  bcp: '第3章第3節(3)',
  periods: '第3章第4節',
  staff: '第3章第5節(1)',
  funding: '第3章第5節(2)',
  infoManagement: '第3章第5節(3)',
  tightSupply: '第3章第6節(1)',
  continuousInvestment: '第3章第6節(2)',
  coreTech: '第3章第6節(3)',
  accessControl: '第3章第6節(3)(ア)',
  employees: '第3章第6節(3)(イ)',
  suppliers: '第3章第6節(3)(ウ)',
  techTransfer: '第3章第6節(3)(エ)',
  overseasActV: '第3章第6節(3)(エ)(ⅴ)',
  multiApplicant: '第3章第7節',
  considerations: '第3章第8節',
  humanRights: '第6章第2節',
  cybersecurity: '第6章第3節',
  supplementary: '附則2',
} as const;
export type Section = (typeof SECTIONS)[keyof typeof SECTIONS];

/** 第2章第2節(1)①: the nine key components (基幹的な部素材) and the one substitute material. */
export const ITEMS = [
  {
    id: 'cnc',
    ja: 'ＣＮＣ',
    en: 'CNC',
    noteJa: 'コントローラ本体や制御装置本体（ロボット向けコントローラを含む）',
    noteEn: 'controller or control unit body, robot controllers included',
    // The seed's own words (第2章第2節(1)①): コントローラ本体, 制御装置本体, ロボット向けコントローラ. A bare
    // 「コントローラ」 could be a CNC or a PLC and is not guessed (AMBIGUOUS_ITEM_NAMES).
    aliases: [
      '数値制御装置', 'CNC装置', 'コントローラ本体', 'コントローラー本体', '制御装置本体', 'ロボット向けコントローラ',
      'ロボット向けコントローラー', 'ロボットコントローラ', 'ロボットコントローラー', 'CNC controller', 'robot controller',
      'controller body', 'control unit body',
    ],
  },
  {
    id: 'servo',
    ja: 'サーボ機構',
    en: 'servo mechanism',
    noteJa: 'サーボモーター、サーボアンプ等',
    noteEn: 'servo motors, servo amplifiers, etc.',
    // Footnote to 第2章第2節(1)①: a servo drive (サーボドライブ) is the same kind of device as a servo amplifier.
    aliases: [
      'サーボ', 'サーボモーター', 'サーボモータ', 'サーボアンプ', 'サーボドライブ', 'servo', 'servo motor', 'servo amplifier',
      'servo drive',
    ],
  },
  {
    id: 'cnc-system',
    ja: 'ＣＮＣシステム',
    en: 'CNC system',
    noteJa: 'ＣＮＣとサーボ機構を一体的に生産するもの',
    noteEn: 'CNC and servo mechanism produced as one',
    aliases: ['ＣＮＣとサーボ機構を一体的に生産するもの', 'CNC and servo mechanism produced as one'],
  },
  { id: 'reducer', ja: '減速機', en: 'reducer', noteJa: '', noteEn: '', aliases: ['speed reducer', '精密減速機'] },
  { id: 'plc', ja: 'ＰＬＣ', en: 'PLC', noteJa: '', noteEn: '', aliases: ['programmable logic controller', 'プログラマブルコントローラ', 'プログラマブルコントローラー', 'プログラマブルロジックコントローラ'] },
  { id: 'ball-screw', ja: 'ボールねじ', en: 'ball screw', noteJa: '', noteEn: '', aliases: ['ボールネジ'] },
  { id: 'linear-guide', ja: 'リニアガイド', en: 'linear guide', noteJa: '', noteEn: '', aliases: [] },
  { id: 'linear-scale', ja: 'リニアスケール', en: 'linear scale', noteJa: '', noteEn: '', aliases: [] },
  {
    id: 'mineral-cast',
    ja: 'ミネラルキャスト',
    en: 'mineral cast',
    noteJa: '鋳物の代替素材（ミネラルキャストに限る）',
    noteEn: 'substitute for castings (mineral cast only)',
    aliases: ['mineral casting', '鋳物の代替素材'],
  },
] as const;
export type ItemId = (typeof ITEMS)[number]['id'];
export const ITEM_IDS = ITEMS.map((i) => i.id) as unknown as readonly [ItemId, ...ItemId[]];

/**
 * Words that could name more than one item (第2章第2節(1)①): a controller is the body of a CNC (「コントローラ本体」,
 * 「ロボット向けコントローラ」) or a programmable logic controller. Such a word is not guessed.
 */
export const AMBIGUOUS_ITEM_NAMES: readonly { names: readonly string[]; candidates: readonly ItemId[] }[] = [
  { names: ['コントローラ', 'コントローラー', 'controller', '制御装置', 'control unit'], candidates: ['cnc', 'plc'] },
];

/** 第3章第2節 i (figure): the uses that pick a row of the multiplier table. */
export const USES = [
  { id: 'machine-tools', ja: '工作機械のみ', en: 'machine tools only', aliases: ['工作機械', 'machine tools'] },
  {
    id: 'machine-tools-and-robots',
    ja: '工作機械及び産業用ロボット',
    en: 'machine tools and industrial robots',
    aliases: ['工作機械・産業用ロボット', '両方', 'both', 'machine tools and robots'],
  },
  { id: 'robots', ja: '産業用ロボットのみ', en: 'industrial robots only', aliases: ['産業用ロボット', 'robots', 'industrial robots'] },
] as const;
export type UseId = (typeof USES)[number]['id'];
export const USE_IDS = USES.map((u) => u.id) as unknown as readonly [UseId, ...UseId[]];

/** Capacity targets are multiples of this year's domestic production capacity (第3章第2節 i, 「2021年比」). */
export const BASELINE_YEAR = 2021;
/** The first column of the table reads 「2025年以前」: any target point up to this year uses it. */
export const FIRST_COLUMN_YEAR = 2025;
/** Target points are 「2030年までの各時点」. */
export const LAST_TARGET_YEAR = 2030;

/**
 * 第3章第2節 i, the figure under it: required multiple of 2021 capacity by use and year. Written as decimal
 * strings so the engine compares exactly. The 2025 column stands for 「2025年以前」.
 */
export const MULTIPLIERS: Readonly<Record<UseId, Readonly<Record<number, string>>>> = {
  'machine-tools': { 2025: '1.2', 2026: '1.3', 2027: '1.4', 2028: '1.4', 2029: '1.5', 2030: '1.6' },
  'machine-tools-and-robots': { 2025: '1.2', 2026: '1.3', 2027: '1.4', 2028: '1.4', 2029: '1.5', 2030: '1.6' },
  robots: { 2025: '1.3', 2026: '1.3', 2027: '1.4', 2028: '1.5', 2029: '1.6', 2030: '1.7' },
};
export const MULTIPLIER_YEARS: readonly number[] = [2025, 2026, 2027, 2028, 2029, 2030];

/** 第3章第1節 and 第3章第4節: the two kinds of activity and their periods, counted as the Civil Code counts years. */
export const ACTIVITY_KINDS = ['capacity', 'rnd'] as const;
export type ActivityKind = (typeof ACTIVITY_KINDS)[number];
export const PERIOD_RULES = {
  capacity: { years: 10, bound: 'min' as const, section: SECTIONS.periods },
  rnd: { years: 5, bound: 'max' as const, section: SECTIONS.periods },
} as const;

/**
 * 第3章第2節 iii, 第3章第3節, 第3章第5節, 第3章第6節, 第3章第7節: requirements the applicant confirms. Each is a condition of
 * certification (「いずれにも該当するものとする」). (ウ) applies where a supplier holds core technology
 * (supplierHeldOnly); 第3章第7節 only to a joint application by firms of one industry (jointOnly).
 */
export const CHECKLIST = [
  { id: 'competitiveness.capacity', section: SECTIONS.competitiveness, ja: '取組の対象となる製品に関する生産・供給能力の分析', en: 'Analysis of production and supply capacity of the product' },
  { id: 'competitiveness.technology', section: SECTIONS.competitiveness, ja: '取組の対象となる製品に関する技術水準の分析', en: 'Analysis of the technical level of the product' },
  { id: 'competitiveness.share-sales', section: SECTIONS.competitiveness, ja: '国内・海外でのシェアや販売額・量（具体的な販売先を含む）', en: 'Domestic and overseas share, sales value and volume, named customers' },
  { id: 'competitiveness.finance', section: SECTIONS.competitiveness, ja: '財務・経営の健全性・安定性及び投資余力', en: 'Financial and managerial soundness, stability and capacity to invest' },
  { id: 'stability.supply-plan', section: SECTIONS.supplyPlan, ja: '市場構造及びその見込みを踏まえた供給能力確保に関する計画', en: 'Supply-capacity plan grounded in the market structure and outlook' },
  { id: 'stability.compliance', section: SECTIONS.compliance, ja: '外為法及び国内関係法令の遵守', en: 'Compliance with the Foreign Exchange and Foreign Trade Act and domestic law' },
  { id: 'stability.bcp', section: SECTIONS.bcp, ja: '事業継続計画の策定', en: 'Business continuity plan in place' },
  { id: 'structure.staff', section: SECTIONS.staff, ja: '取組を実施するのに十分な人員', en: 'Enough people to carry out the plan' },
  { id: 'structure.funding', section: SECTIONS.funding, ja: '取組の実施に必要な資金の調達が妥当', en: 'Sound financing of the plan' },
  { id: 'structure.info-management', section: SECTIONS.infoManagement, ja: '情報を適切に管理するための体制（流出リスク低減措置を含む）', en: 'Information management, including measures against leak risks' },
  { id: 'measures.tight-supply', section: SECTIONS.tightSupply, ja: '需給ひっ迫時の対応（増産、在庫・備蓄の供給）', en: 'Response when supply is tight (extra output, release of stock)' },
  { id: 'measures.continuous-investment', section: SECTIONS.continuousInvestment, ja: '供給能力の維持・強化のための継続投資又は研究開発', en: 'Continued investment or R&D to keep the capacity' },
  { id: 'measures.core-tech', section: SECTIONS.coreTech, ja: 'コア技術の特定と計画への記載', en: 'Core technologies identified and written into the plan' },
  { id: 'measures.access-control', section: SECTIONS.accessControl, ja: 'コア技術等へのアクセス管理（体制・規程）', en: 'Access to core technologies limited, rules in place' },
  { id: 'measures.employees', section: SECTIONS.employees, ja: 'コア技術等にアクセス可能な従業員の管理（待遇、守秘義務、競業避止）', en: 'Employees with access: treatment, confidentiality on leaving, non-compete efforts' },
  { id: 'measures.suppliers', section: SECTIONS.suppliers, ja: '取引先における管理（秘密保持契約、定期的なレビュー）', en: 'Suppliers holding core technologies: NDAs and periodic review', supplierHeldOnly: true },
  { id: 'measures.tech-transfer', section: SECTIONS.techTransfer, ja: '技術移転等（依存を高める移転をしない、事前相談の体制）', en: 'No transfer that raises dependence; prior consultation process' },
  { id: 'competition.multi-applicant', section: SECTIONS.multiApplicant, ja: '複数事業者申請：他の事業者・一般消費者等の利益を不当に害さない', en: 'Joint application: no undue harm to competitors, customers or prices', jointOnly: true },
] as const;
export type ChecklistId = (typeof CHECKLIST)[number]['id'];
export const CHECKLIST_IDS = CHECKLIST.map((c) => c.id) as unknown as readonly [ChecklistId, ...ChecklistId[]];

/**
 * 第3章第6節(3)(エ): the five acts towards another party or another country that, with ① or ②, need prior
 * consultation with METI. (ⅴ) also has figures (OVERSEAS_RULES).
 */
export const TRANSFER_ACTS = [
  { id: 'i', numeral: 'ⅰ', section: '第3章第6節(3)(エ)(ⅰ)', ja: '他者へのコア技術等そのものの移転（知的財産権の移転、事業譲渡等）', en: 'transferring core technology itself to another party (IP rights, the business)' },
  { id: 'ii', numeral: 'ⅱ', section: '第3章第6節(3)(エ)(ⅱ)', ja: '他者へのコア技術等の提供', en: 'providing core technology to another party' },
  { id: 'iii', numeral: 'ⅲ', section: '第3章第6節(3)(エ)(ⅲ)', ja: '他者とのコア技術等に関する共同研究開発', en: 'joint R&D on core technology with another party' },
  { id: 'iv', numeral: 'ⅳ', section: '第3章第6節(3)(エ)(ⅳ)', ja: '他国におけるコア技術等に係る研究開発', en: 'R&D on core technology in another country' },
  { id: 'v', numeral: 'ⅴ', section: '第3章第6節(3)(エ)(ⅴ)', ja: '他国における生産拠点の建設又は製造能力の10％を超える増強', en: 'building an overseas base, or growing its capacity by more than 10%' },
] as const;
export type TransferActId = (typeof TRANSFER_ACTS)[number]['id'];
export const TRANSFER_ACT_IDS = TRANSFER_ACTS.map((a) => a.id) as unknown as readonly [TransferActId, ...TransferActId[]];
/** Who acts: 「申請者若しくはそのグループ会社」. */
export const TRANSFER_ACTORS = ['applicant', 'group-company'] as const;
export type TransferActor = (typeof TRANSFER_ACTORS)[number];

/**
 * 第3章第8節 (→ 第6章第2節・第3節): what the Minister considers, recorded, not pass/fail. Human rights and
 * cybersecurity are each a confirmation and a note.
 */
export const CONSIDERATIONS = [
  { id: 'human-rights', section: SECTIONS.humanRights, ja: 'サプライチェーンにおける人権尊重の取組', en: 'Respect for human rights in the supply chain' },
  { id: 'cybersecurity', section: SECTIONS.cybersecurity, ja: 'サイバーセキュリティ対策', en: 'Cybersecurity measures' },
] as const;
export type ConsiderationId = (typeof CONSIDERATIONS)[number]['id'];
export const CONSIDERATION_IDS = CONSIDERATIONS.map((c) => c.id) as unknown as readonly [ConsiderationId, ...ConsiderationId[]];

/**
 * 附則1・2: the revised policy applies from 2024-03-26; an application made before that day and not yet decided is
 * decided under the former policy.
 */
export const REVISION_APPLIES_FROM = '2024-03-26';

/** 第3章第6節(3)(エ)(ⅴ): overseas capacity growth that counts as act (ⅴ), and its exception. */
export const OVERSEAS_RULES = {
  /** Capacity grows 「10％を超える割合で」: strictly more than this fraction. */
  growthAbove: '0.1',
  /** Except where 「85％以上が当該他国で消費される」: this fraction or more consumed locally. */
  localConsumptionAtLeast: '0.85',
  /** ①イ: a counterparty that breached UN resolutions or international standards 「過去五年間」. */
  breachLookbackYears: 5,
  section: SECTIONS.overseasActV,
  consultationSection: SECTIONS.techTransfer,
} as const;

/** 第1章第2節: the national production goals the multipliers serve (context, shown on the policy sheet). */
export const NATIONAL_TARGETS = [
  { product: 'machine-tools', ja: '工作機械', en: 'machine tools', year: 2025, unitsPerYear: 80000, multiplier: '1.2' },
  { product: 'machine-tools', ja: '工作機械', en: 'machine tools', year: 2030, unitsPerYear: 110000, multiplier: '1.6' },
  { product: 'robots', ja: '産業用ロボット', en: 'industrial robots', year: 2025, unitsPerYear: 260000, multiplier: '1.3' },
  { product: 'robots', ja: '産業用ロボット', en: 'industrial robots', year: 2030, unitsPerYear: 350000, multiplier: '1.7' },
] as const;

/** The multiplier column a target point reads: 「2025年以前」 for any year up to 2025. */
export function multiplierColumn(year: number): number {
  return year <= FIRST_COLUMN_YEAR ? FIRST_COLUMN_YEAR : year;
}

/** The required multiple of 2021 capacity for a use at a target point, or null after 2030 (no target exists). */
export function requiredMultiplier(use: UseId, year: number): string | null {
  if (year > LAST_TARGET_YEAR) return null;
  return MULTIPLIERS[use][multiplierColumn(year)] ?? null;
}
