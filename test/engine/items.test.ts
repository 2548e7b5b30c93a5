/**
 * Eligible items (第2章第2節(1)①): the nine key components under any name people type, and everything else
 * evaluated but reported as not eligible.
 */
import { ITEMS, SECTIONS } from '../../src/policy';
import { itemId } from '../../src/plan/normalise';
import { codes, evaluateLines, findingsWith, goodLine } from './plans';

describe('item names map to the canonical id', () => {
  test.each([
    ['ＣＮＣ', 'cnc'],
    ['CNC', 'cnc'],
    ['cnc', 'cnc'],
    [' Cnc ', 'cnc'],
    ['ＣＮＣシステム', 'cnc-system'],
    ['CNCシステム', 'cnc-system'],
    ['CNC system', 'cnc-system'],
    ['サーボ機構', 'servo'],
    ['servo mechanism', 'servo'],
    ['減速機', 'reducer'],
    ['reducer', 'reducer'],
    ['ＰＬＣ', 'plc'],
    ['plc', 'plc'],
    ['ボールねじ', 'ball-screw'],
    ['ﾎﾞｰﾙねじ', 'ball-screw'],
    ['ball screw', 'ball-screw'],
    ['Ball Screw', 'ball-screw'],
    ['ｂａｌｌ　ｓｃｒｅｗ', 'ball-screw'],
    ['ball-screw', 'ball-screw'],
    ['リニアガイド', 'linear-guide'],
    ['linear guide', 'linear-guide'],
    ['リニアスケール', 'linear-scale'],
    ['ミネラルキャスト', 'mineral-cast'],
    ['mineral cast', 'mineral-cast'],
  ])('%j → %s', (name, id) => {
    expect(itemId(name)).toBe(id);
  });

  test('every item is known by its id, Japanese and English name', () => {
    expect(ITEMS).toHaveLength(9);
    for (const item of ITEMS) {
      expect(itemId(item.id)).toBe(item.id);
      expect(itemId(item.ja)).toBe(item.id);
      expect(itemId(item.en)).toBe(item.id);
    }
  });

  test('the evaluation reports the canonical id, and no finding for an eligible item', () => {
    // Two names of one item, two plants: one target group (figures differ, so not a duplicate).
    const e = evaluateLines(goodLine({ item: 'ＣＮＣ' }), goodLine({ item: 'ball screw' }), goodLine({ item: 'ﾎﾞｰﾙねじ', baseline2021: 50, capacity: { 2025: 60, 2026: 65, 2027: 70, 2028: 70, 2029: 75, 2030: 80 } }));
    expect(e.lines.map((l) => [l.item, l.eligibleItem])).toEqual([
      ['cnc', true],
      ['ball-screw', true],
      ['ball-screw', true],
    ]);
    expect(e.findings).toEqual([]);
    expect(e.groups.map((g) => [g.item, g.lines])).toEqual([
      ['cnc', [0]],
      ['ball-screw', [1, 2]],
    ]);
  });
});

describe('items outside the nine are not eligible (item.not-eligible), not bad input', () => {
  test.each(['鋳物', 'スピンドル', 'spindle', 'ベッド', 'マグネット', '半導体', '工作機械', '産業用ロボット'])('%s', (name) => {
    expect(itemId(name)).toBeNull();
    const e = evaluateLines(goodLine({ item: name }));
    const [f] = findingsWith(e, 'item.not-eligible');
    expect(f).toMatchObject({ severity: 'error', section: SECTIONS.items, path: 'lines[0].item', line: 0 });
    expect(f.messages.ja).toContain(`「${name}」は対象品目`);
    expect(f.messages.en).toContain(`"${name}" is not an eligible item`);
    expect(e.lines[0]).toMatchObject({ item: name, eligibleItem: false, verdict: 'ineligible' });
    // The numbers are still evaluated, so the applicant sees them.
    expect(e.lines[0].years.every((y) => y.status === 'met')).toBe(true);
    expect(codes(e)).toEqual(['item.not-eligible']);
  });
});
