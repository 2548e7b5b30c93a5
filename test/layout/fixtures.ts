/** Plans the workbook tests share: the boundary cases of the seed's arithmetic, and big generated plans. */
import type { Plan, PlanLine } from '../../src/plan/schema';

const activities: Plan['activities'] = [{ id: 'A1', kind: 'capacity', name: '', start: '2024-04-01', end: '2034-03-31', investment: '' }];

const empty = { coreTechnologies: [], transfers: [], considerations: { regionalContribution: '', humanRights: { confirmed: false, note: '' }, cybersecurity: { confirmed: false, note: '' } } };

/**
 * Each boundary line is its own case: lines of one scenario, item and use form one target group (v2), so every line
 * gets a scenario of its own (edge01, edge02 …) and is judged alone, as in v1.
 */
let lineNo = 0;
function line(p: Partial<PlanLine> & Pick<PlanLine, 'item' | 'use' | 'baseline2021' | 'capacity'>): PlanLine {
  lineNo++;
  return { scenario: `edge${String(lineNo).padStart(2, '0')}`, unit: '台/年', ...p };
}

/**
 * Where binary floating point and the seed's table are easy to get wrong: 3 × 1.3 vs 3.9, 7 × 1.6 vs 11.2,
 * 3333 × 1.3 vs 4332.9 / 4332.8, a named target before 2025 (the ≤2025 column), 2030 vs 2031, robots against
 * machine tools at the same figures, 5-decimal inputs and magnitudes near 1e9.
 */
export function boundaryPlan(): Plan {
  lineNo = 0;
  return {
    format: 'supply-plan/2',
    applicant: { name: '境界テスト株式会社', joint: true },
    yearBasis: 'calendar',
    activities,
    lines: [
      line({ item: 'reducer', use: 'machine-tools', baseline2021: 3, capacity: { '2026': 3.9 }, targetYears: [2026] }),
      line({ item: 'reducer', use: 'machine-tools', baseline2021: 7, capacity: { '2030': 11.2 } }),
      line({ item: 'servo', use: 'robots', baseline2021: 3333, capacity: { '2025': 4332.9, '2026': 4332.9 } }),
      line({ item: 'servo', use: 'robots', baseline2021: 3333, capacity: { '2025': 4332.8, '2026': 4333 } }),
      // ≤2025 column: a named target point in 2023 uses the 2025 multiple (robots 1.3).
      line({ item: 'plc', use: 'robots', baseline2021: 100, capacity: { '2023': 130, '2024': 129.99999 }, targetYears: [2023, 2024] }),
      // 2030 is a default target point, 2031 is informational.
      line({ item: 'ball-screw', use: 'machine-tools', baseline2021: 1000, capacity: { '2030': 1600, '2031': 1500 } }),
      // Named 2031: after 2030, an error; the year is informational.
      line({ item: 'ball-screw', use: 'machine-tools', baseline2021: 1000, capacity: { '2030': 1600, '2031': 1700 }, targetYears: [2030, 2031] }),
      // Robots against machine tools in 2028: 1.5 against 1.4.
      line({ item: 'linear-guide', use: 'machine-tools', baseline2021: 10, capacity: { '2028': 14.5 } }),
      line({ item: 'linear-guide', use: 'robots', baseline2021: 10, capacity: { '2028': 14.5 } }),
      line({ item: 'linear-guide', use: 'machine-tools-and-robots', baseline2021: 10, capacity: { '2028': 14 } }),
      // Five decimals: 12345.12345 × 1.6 = 19752.19752.
      line({ item: 'linear-scale', use: 'machine-tools', baseline2021: 12345.12345, capacity: { '2030': 19752.19752, '2029': 18517.68517 } }),
      line({ item: 'linear-scale', use: 'machine-tools', baseline2021: 12345.12345, capacity: { '2030': 19752.19751 } }),
      // Near the top of the decimal domain: 98765432.12345 × 1.7 = 167901234.609865 (15 significant digits).
      line({ item: 'cnc', use: 'robots', baseline2021: 98765432.12345, capacity: { '2030': 167901234.60987 } }),
      line({ item: 'cnc', use: 'robots', baseline2021: 98765432.12345, capacity: { '2030': 167901234.60986 } }),
      // A named target point without a forecast is short; a forecast of 0 counts.
      line({ item: 'cnc-system', use: 'machine-tools', baseline2021: 50, capacity: { '2025': 0 }, targetYears: [2025, 2027] }),
      // Not an eligible item: still evaluated, the line is ineligible.
      line({ item: '鋳物', use: 'machine-tools', baseline2021: 100, capacity: { '2025': 130 } }),
      // Mineral cast, robots only, a shortfall by the smallest step of the domain.
      line({ item: 'mineral-cast', use: 'robots', baseline2021: 0.00001, capacity: { '2027': 0.00001 } }),
      // Whole yen: 5,000,000,000 × 1.3 = 6,500,000,000 is met exactly; 3,333,333,333 × 1.3 = 4,333,333,332.9.
      line({ item: 'ball-screw', use: 'machine-tools', unit: '円/年', baseline2021: 5_000_000_000, capacity: { '2026': 6_500_000_000, '2027': 6_999_999_999 } }),
      line({ item: 'ball-screw', use: 'robots', unit: '円/年', baseline2021: 3_333_333_333, capacity: { '2026': 4_333_333_333, '2027': 4_666_666_665 } }),
    ],
    checklist: {
      'competitiveness.capacity': { confirmed: true, evidence: '3.1' },
      'competitiveness.technology': { confirmed: true, evidence: '' },
      'competition.multi-applicant': { confirmed: false, evidence: '' },
    },
    coreTechnologies: [],
    transfers: [
      { ...actV('A', 100, 110, 0.5), risk: false, metiRequested: false },
      { ...actV('B', 100, 111, 0.5), risk: true, metiRequested: false },
      { ...actV('C', 0, 10, 0.85), risk: false, metiRequested: true },
    ],
    considerations: { regionalContribution: '地元調達', jobsCreated: 3, humanRights: { confirmed: false, note: '' }, cybersecurity: { confirmed: false, note: '' } },
  };
}

function actV(base: string, before: number, after: number, share: number): Plan['transfers'][number] {
  return { act: 'v', by: 'applicant', counterparty: base, country: '', description: '', technology: '', item: 'サーボ機構', capacityBefore: before, capacityAfter: after, localConsumptionShare: share, risk: false, metiRequested: false };
}

const USES = ['machine-tools', 'machine-tools-and-robots', 'robots'] as const;
const ITEMS = ['cnc', 'servo', 'cnc-system', 'reducer', 'plc', 'ball-screw', 'linear-guide', 'linear-scale', 'mineral-cast'];

/** A big plan: `n` lines × 14 years (2022–2035), some short, deterministic. */
export function bigPlan(n: number): Plan {
  const lines: PlanLine[] = [];
  for (let i = 0; i < n; i++) {
    const baseline = 1000 + (i % 97) * 10;
    const capacity: Record<string, number> = {};
    for (let y = 2022; y <= 2035; y++) capacity[String(y)] = Math.round(baseline * (1 + (y - 2021) * 0.09 + ((i * 7 + y) % 5) * 0.01) * 10) / 10;
    lines.push({ scenario: i % 3 === 0 ? 'conservative' : 'base', item: ITEMS[i % ITEMS.length], use: USES[i % 3], baseline2021: baseline, unit: '台/年', capacity });
  }
  return { format: 'supply-plan/2', applicant: { name: 'Big Plan Ltd.', joint: false }, yearBasis: 'fiscal', activities, lines, checklist: {}, ...empty };
}
