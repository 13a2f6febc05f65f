import type { Translation } from '../../catalog';
import type { tryIt as english } from '../en/tryIt';

export const tryIt: Translation<typeof english> = {
  title: '试一试',
  intro: '输入或粘贴一段文本，预测会随着输入实时更新。',
  waiting: '训练一个模型（或打开一个）之后就可以试用。',
  label: '要分类的文本',
  placeholder: '例如一段类似 {{fileName}} 里的文本',
  yourData: '你的数据',
  hint: '模型“{{name}}”，类别：{{classes}}',
  failed: '无法预测',
  appears: '预测结果会显示在这里。',
  prediction: '预测：',
  predicted: '预测类别',
  guess: '猜测',
  sure: '（把握 {{percent}}）',
  answered: ' · 在本机用时 {{time}}',
  why: '为什么',
  whyExplain:
    '每个词的颜色表示它让模型判为“{{label}}”的几率比空文本（模型的默认答案）变化了多少。各个词的作用加起来正好是全部差异，所以即使是 100% 有把握的答案也能看出理由；两个词各自都能决定结果时，会平分功劳。',
  probabilities: '各类别的概率',
  others_other: '其余 {{count, number}} 个类别',
  showAll: '显示全部 {{count, number}} 个类别',
  showTop: '只显示前 {{count, number}} 个',
  listSeparator: '、',
};
