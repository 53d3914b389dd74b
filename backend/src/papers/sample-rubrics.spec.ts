/**
 * The rubrics `npm run samples` derives (backend/scripts/sample-papers/derive-rubric.mjs): real
 * GAOKAO-Bench reference answers in, marking points out, and the shipped rubrics/ checked for
 * what a marker must never see (a heading or a lone "解：" as an item, a formula cut in half).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parse } from 'yaml';
import { importEsm } from '../common/import-esm';

const ROOT = join(__dirname, '../../..');

interface Item {
  id: string;
  points: number;
  description: string;
}
interface Question {
  number: string;
  type: string;
  points: number;
  stem?: string;
  referenceAnswer?: string;
  analysis?: string;
}
interface Derive {
  deriveItems(q: Question): Item[];
  cleanLeftovers(text: string): string;
  describe(label: string, step: string): string | null;
}

let derive: Derive;
beforeAll(async () => {
  derive = await importEsm<Derive>(
    pathToFileURL(join(ROOT, 'backend/scripts/sample-papers/derive-rubric.mjs')).href,
  );
});

/** Every `$` of a description closes what it opens: no formula is cut. */
const formulasWhole = (s: string) => (s.replace(/\$\$/g, '').match(/\$/g) ?? []).length % 2 === 0;
const labels = (items: Item[]) => items.map((i) => /^\S*\)|^\d+\./.exec(i.description)?.[0] ?? '');
const sum = (items: Item[]) => items.reduce((a, i) => a + i.points, 0);

// 2022 全国乙卷 理科数学 23 (the samples' question 16), GAOKAO-Bench Math_I_Open-ended index 117.
const Q16 = String.raw`【小问 1 详解】

证明: 因为 $a>0, b>0, c>0$, 则 $a^{\frac{3}{2}}>0, b^{\frac{3}{2}}>0, c^{\frac{3}{2}}>0$, 所以 $\frac{a^{\frac{3}{2}}+b^{\frac{3}{2}}+c^{\frac{3}{2}}}{3} \geq \sqrt[3]{a^{\frac{3}{2}} \cdot b^{\frac{3}{2}} \cdot c^{\frac{3}{2}}}$

即 $(a b c)^{\frac{1}{2}} \leq \frac{1}{3}$, 所以 $a b c \leq \frac{1}{9}$, 当且仅当 $a^{\frac{3}{2}}=b^{\frac{3}{2}}=c^{\frac{3}{2}}$, 即 $a=b=c=\sqrt[3]{\frac{1}{9}}$ 时取等号.

【小问 2 详解】

证明: 因为 $a>0, b>0, c>0$,

所以 $b+c \geq 2 \sqrt{b c}, a+c \geq 2 \sqrt{a c}, a+b \geq 2 \sqrt{a b}$,

所以 $\frac{a}{b+c} \leq \frac{a}{2 \sqrt{b c}}=\frac{a^{\frac{3}{2}}}{2 \sqrt{a b c}}, \quad \frac{b}{a+c} \leq \frac{b}{2 \sqrt{a c}}=\frac{b^{\frac{3}{2}}}{2 \sqrt{a b c}}, \quad \frac{c}{a+b} \leq \frac{c}{2 \sqrt{a b}}=\frac{c^{\frac{3}{2}}}{2 \sqrt{a b c}}$

$\frac{a}{b+c}+\frac{b}{a+c}+\frac{c}{a+b} \leq \frac{a^{\frac{3}{2}}}{2 \sqrt{a b c}}+\frac{b^{\frac{3}{2}}}{2 \sqrt{a b c}}+\frac{c^{\frac{3}{2}}}{2 \sqrt{a b c}}=\frac{a^{\frac{3}{2}}+b^{\frac{3}{2}}+c^{\frac{3}{2}}}{2 \sqrt{a b c}}=\frac{1}{2 \sqrt{a b c}}$

当且仅当 $a=b=c$ 时取等号.`;

// 2018 新课标Ⅰ 理科数学 20 (the samples' question 11).
const Q11 = String.raw`解：（1）记 20 件产品中恰有 2 件不合格品的概率为 $f(p)$,

则 $f(p)=c_{20}^{2} p^{2}(1-p)^{18}$,

$\therefore f^{\prime}(p)=C_{20}^{2}\left[2 p(1-p)^{18}-18 p^{2}(1-p)^{17}\right]=2 C_{20}^{2} p(1-p)^{17}(1-10 p)$,

令 $f^{\prime}(p)=0$, 得 $p=0.1$,

当 $p \in(0,0.1)$ 时, $f^{\prime}(p)>0$ ，

当 $p \in(0.1,1)$ 时, $f^{\prime}(p)<0$ ，

$\therefore f(p)$ 的最大值点 $p_{0}=0.1$.

（2）(i) 由 (1) 知 $p=0.1$,

令 $Y$ 表示余下的 180 件产品中的不合格品数, 依题意知 $Y \sim B(180,0.1 ）$,

$X=20 \times 2+25 Y$, 即 $X=40+25 Y$ ，

$\therefore E(X)=E(40+25 Y)=40+25 E(Y)=40+25 \times 180 \times 0.1=490$.

(ii）如果对余下的产品作检验, 由这一箱产品所需要的检验费为 400 元,

$\because E(X)=490>400$,

$\therefore$ 应该对余下的产品进行检验.`;

// 2018 新课标Ⅰ 物理 24: the reference states results, the analysis works them.
const PHYSICS = {
  referenceAnswer: String.raw`（1）烟花弹从地面开始上升到弹中火药爆炸所经过的时间是 $\frac{1}{\mathrm{~g}} \sqrt{\frac{2 \mathrm{E}}{\mathrm{m}}}$;

（2）爆炸后烟花弹向上运动的部分距地面的最大高度是 $\frac{2 \mathrm{E}}{\mathrm{mg}}$ 。`,
  analysis: String.raw`解： (1) 设烟花弹的初速度为 $v_{0}$. 则有: $E=\frac{1}{2} m v_{0}^{2}$

得: $v_{0}=\sqrt{\frac{2 \mathrm{E}}{m}}$

烟花弹从地面开始上升的过程中做竖直上抛运动, 则有: $v_{0}-g t=0$

得: $t=\frac{1}{g} \sqrt{\frac{2 \mathrm{E}}{\mathrm{m}}}$

(2) 烟花弹从地面开始上升到弹中火药爆炸上升的高度为: $h_{1}=\frac{v_{0}^{2}}{2 g}=\frac{E}{m g}$

对于暴炸过程, 取竖直向上为正方向, 由动量守恒定律得:

$0=\frac{1}{2} \mathrm{mv}_{1}-\frac{1}{2} \mathrm{mv}_{2}$ 。

根据能量守恒定律得： $\mathrm{E}=\frac{1}{2} \cdot \frac{1}{2} \mathrm{mv}_{1}^{2}+\frac{1}{2} \cdot \frac{1}{2} \mathrm{mv}_{2}^{2}$ 。

联立解得： $v_{1}=\sqrt{\frac{2 \mathrm{E}}{\mathrm{m}}}$

爆炸后烟花弹向上运动的部分能继续上升的最大高度为: $h_{2}=\frac{v_{1}^{2}}{2 g}=\frac{E}{m g}$

所以爆炸后烟花弹向上运动的部分距地面的最大高度为: $h=h_{1}+h_{2}=\frac{2 \mathrm{E}}{\mathrm{mg}}$`,
};

// 2022 全国乙卷 历史 41: the stem states each part's points.
const HISTORY = {
  stem: `——据中共中央党史研究室《中国共产党历史》
（1）根据材料一、二，概括20世纪五六十年代中日两国技术引进的特点。（8分）
（2）根据材料并结合所学知识，分析中日技术引进呈现不同特点的背景。（12分）
（3）根据材料并结合所学知识，简析20世纪五六十年代中国科技发展的历史经验。（5分）`,
  referenceAnswer: `（1）特点：日本：政府指导，私人企业主导；制定法律保障；引入标准逐渐放宽；
与经济发展相适应；引入技术主要来自欧美；日本加入资本主义阵营。中国：政府主导；国
际合作和自力更生相结合；引入技术主要来自以苏联为首的社会主义阵营；引入范围广泛，
侧重尖端技术。
（2）背景：日本：国家垄断资本主义的发展；美国对日本的扶持；日本经济在二战中遭受
重创。中国：社会主义制度的建立；美国对新中国的鼓励与遏制；国民经济的恢复与发展以
及一五计划的推动；受到冷战的影响。
（3）历史经验：科技发展要坚持自力更生和引入技术相结合；重视尖端国防科技的研发；
重视科技人才的引入和培养；注重技术创新。`,
};

describe('derived sample rubrics: marking points from real reference answers', () => {
  it('2022 乙卷 数学 16: one item per step of each 【小问 n 详解】, the premise joined to its step, formulas whole', () => {
    const items = derive.deriveItems({
      number: '16',
      type: 'calculation',
      points: 10,
      referenceAnswer: Q16,
    });
    expect(labels(items)).toEqual(['(1)', '(1)', '(2)', '(2)', '(2)']);
    expect(items.map((i) => i.points)).toEqual([3, 2, 2, 2, 1]);
    expect(items[0].description).toMatch(/^\(1\) 因为 \$a>0, b>0, c>0\$/);
    expect(items[1].description).toContain(String.raw`所以 $a b c \leq \frac{1}{9}$`);
    expect(items[2].description).toMatch(/^\(2\) 因为 \$a>0, b>0, c>0\$, 所以 \$b\+c \\geq/);
    expect(items[4].description).toMatch(/当且仅当 \$a=b=c\$ 时取等号\.$/);
    for (const i of items) {
      expect(i.description).not.toMatch(/【|^解|…$/);
      expect(formulasWhole(i.description)).toBe(true);
    }
  });

  it('2018 新课标Ⅰ 数学 11: (1), (2)(i), (2)(ii) with their steps; no "解：" and no "（2）(i) 由" alone', () => {
    const items = derive.deriveItems({
      number: '11',
      type: 'calculation',
      points: 12,
      referenceAnswer: Q11,
    });
    expect(sum(items)).toBe(12);
    expect([...new Set(labels(items))]).toEqual(['(1)', '(2)(i)', '(2)(ii)']);
    expect(
      items.filter((i) => i.description.startsWith('(1)')).reduce((a, i) => a + i.points, 0),
    ).toBe(6);
    expect(items.find((i) => i.description.startsWith('(2)(i)'))!.description).toContain(
      '由 (1) 知 $p=0.1$, 令 $Y$ 表示',
    );
    expect(items[items.length - 1].description).toBe(
      String.raw`(2)(ii) $\therefore$ 应该对余下的产品进行检验.`,
    );
    for (const i of items)
      expect(formulasWhole(i.description) && !/^\(?\d?\)?\s*解/.test(i.description)).toBe(true);
  });

  it('a reference that only states results takes its steps from the analysis of the same parts', () => {
    const items = derive.deriveItems({ number: '3', type: 'calculation', points: 12, ...PHYSICS });
    expect(items.length).toBeGreaterThan(4);
    expect(items[0].description).toBe(
      String.raw`(1) 设烟花弹的初速度为 $v_{0}$. 则有: $E=\frac{1}{2} m v_{0}^{2}$`,
    );
    // "由动量守恒定律得:" and its formula are one step.
    expect(items.some((i) => /由动量守恒定律得: \$0=/.test(i.description))).toBe(true);
  });

  it('points the stem states per sub-question are kept, split over the answer points', () => {
    const items = derive.deriveItems({
      number: '10',
      type: 'short_answer',
      points: 25,
      ...HISTORY,
    });
    const per = (l: string) =>
      items.filter((i) => i.description.startsWith(`${l} `)).reduce((a, i) => a + i.points, 0);
    expect([per('(1)'), per('(2)'), per('(3)')]).toEqual([8, 12, 5]);
    expect(items.find((i) => i.description.startsWith('(1) 中国：'))).toBeDefined();
  });

  it.each([
    [
      '2022 乙卷 语文 7–9: the original numbers, a choice letter worth 3',
      {
        points: 15,
        referenceAnswer:
          '【答案】7.C8.（1）“恍恍惚惚”的情感状态与“我”对弟弟的牵挂和思念有关。\n（2）“恍恍惚惚”情感的背后是“我”对弟弟的担忧和不舍。\n9.（1）弟弟在上海时，“我”的心理感受是慌乱。\n（2）弟弟在山西时，“我”的心理感受是开心。',
      },
      [
        [3, '7. 选 C'],
        [3, '8.(1) “恍恍惚惚”的情感状态与“我”对弟弟的牵挂和思念有关。'],
        [3, '8.(2) “恍恍惚惚”情感的背后是“我”对弟弟的担忧和不舍。'],
        [3, '9.(1) 弟弟在上海时，“我”的心理感受是慌乱。'],
        [3, '9.(2) 弟弟在山西时，“我”的心理感受是开心。'],
      ],
    ],
    [
      '2018 新课标Ⅰ 语文 18: the explanation is not marked, the numbered corrections are',
      {
        points: 5,
        referenceAnswer:
          '明确口语和书面语的不同，通读语段，找出不符合书面要求的句子，然后进行修改。\n \n答案：  \n①“堵住 ”改为 “堵塞 ” \n  ②“管子 ”改为 “管道 ” \n③“换掉 ”改为 “更换 ” \n④“打算 ”改为 “计划 “ \n⑤“正遇上 ”改为 “正值 ”',
      },
      [
        [1, '①“堵住 ”改为 “堵塞 ”'],
        [1, '②“管子 ”改为 “管道 ”'],
        [1, '③“换掉 ”改为 “更换 ”'],
        [1, '④“打算 ”改为 “计划 “'],
        [1, '⑤“正遇上 ”改为 “正值 ”'],
      ],
    ],
    [
      '2022 乙卷 生物 29: ①②③ blanks inside (2), "##" alternatives read as 或',
      {
        points: 15,
        referenceAnswer: '（1）逆转录酶##反转录酶\n（2）①.特异性核苷酸序列②.退火##复性',
      },
      [
        [4, '(1) 逆转录酶 或 反转录酶'],
        [2, '(2) ①特异性核苷酸序列'],
        [2, '(2) ②退火 或 复性'],
      ].map(([p, d]) => [Number(p) * 1.875, d]),
    ],
  ])('%s', (_name, q, expected) => {
    const items = derive.deriveItems({ number: '1', type: 'short_answer', ...q });
    if (expected.some(([p]) => !Number.isInteger(p))) {
      expect(items.map((i) => i.description)).toEqual(expected.map(([, d]) => d));
      expect(sum(items)).toBe(q.points);
    } else {
      expect(items.map((i) => [i.points, i.description])).toEqual(expected);
    }
  });

  it.each([
    [
      'several alternative reference answers',
      '参考答案一：\n①生产决定消费；\n②经济发展。\n\n参考答案二：\n居民收入增加；消费结构升级。',
    ],
    [
      'an open example answer',
      '示例：\n情节：鲁滨逊遇险漂流到海岛上。\n历史现象：这一情节反映出近代早期的西欧殖民扩张。',
    ],
    ['one paragraph without seams', '言之有理即可'],
  ])('no items (score mode) for %s', (_name, referenceAnswer) => {
    expect(
      derive.deriveItems({ number: '1', type: 'short_answer', points: 12, referenceAnswer }),
    ).toEqual([]);
  });

  it('cleans the "}" the source leaves after 【小问 n 详解】, and nothing else', () => {
    expect(derive.cleanLeftovers('【小问 1 详解】}\n\n证明: 因为 $\\frac{a}{b}$}')).toBe(
      '【小问 1 详解】\n\n证明: 因为 $\\frac{a}{b}$',
    );
    const table = '\\begin{tabular}{|l|l|}\n\\hline 样本号 $\\mathrm{i}$ & 1 \\\\\n\\end{tabular}';
    expect(derive.cleanLeftovers(table)).toBe(table);
  });

  it('a long step is described by its opening and its result, cut between clauses only', () => {
    const d = derive.describe(
      '(2)',
      String.raw`$$
\begin{aligned}
& r=${'\\frac{0.0134}{0.01377} + '.repeat(30)}0.97
\end{aligned}
$$
则 $r \approx 0.97$`,
    );
    expect(d).toBe(String.raw`(2) … 则 $r \approx 0.97$`);
  });
});

describe('the shipped derived rubrics (rubrics/*.rubric.yaml)', () => {
  const dir = join(ROOT, 'rubrics');
  const files = readdirSync(dir).filter((f) => f.endsWith('.rubric.yaml'));

  it.each(files)(
    '%s: items sum to the question, read as marking points, formulas whole',
    (file) => {
      const rubric = parse(readFileSync(join(dir, file), 'utf8')) as {
        derived: boolean;
        derivation: string;
        questions: { question: string; mode: string; ceiling: number; items?: Item[] }[];
      };
      expect(rubric.derived).toBe(true);
      expect(rubric.derivation).toMatch(/^Derived automatically/);
      for (const q of rubric.questions) {
        if (q.mode === 'score') {
          expect(q.items).toBeUndefined();
          continue;
        }
        expect(sum(q.items!)).toBe(q.ceiling);
        for (const i of q.items!) {
          expect(i.points).toBeGreaterThan(0);
          expect(i.description.length).toBeLessThanOrEqual(500);
          expect(i.description).not.toMatch(/^(\S+ )?(【|解\s*[:：]?$)|\}\s*$|详解】/);
          expect(
            i.description.replace(/^\S*\)\s*|^\d+\.\s*/, '').replace(/[\s:：]/g, '').length,
          ).toBeGreaterThan(0);
          expect([file, q.question, formulasWhole(i.description)]).toEqual([
            file,
            q.question,
            true,
          ]);
        }
      }
    },
  );
});
