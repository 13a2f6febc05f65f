import type { Translation } from '../../catalog';
import type { explain as english } from '../en/explain';

export const explain: Translation<typeof english> = {
  coverage: {
    noWords: '这里没有词，只有标点或符号',
    known_other: '{{count, number}} 个词中，模型认识 {{known}} 个',
    part: '另有 {{count, number}} 个认识一部分',
    cut_other: '最后 {{count, number}} 个词没有读到（文本超出了模型读取的长度）',
    separator: '；',
    end: '{{sentence}}。',
  },
  guess: {
    default: '这些词都没有在训练数据中出现过：这是模型的默认答案。',
    noWords: '请把这个预测当作猜测。',
    few: '模型认识的词太少：请把这个预测当作猜测。',
  },
  strength: { strong: '强', moderate: '中', weak: '弱' },
  push: {
    none: '没有影响',
    toward: '推向 {{label}}，{{strength}}',
    away: '推离 {{label}}，{{strength}}',
    unknown: '模型不认识这个词',
    notRead: '没有读到：超出了模型读取的长度',
    odds: '{{label}} 的几率 {{sign}}{{factor}}',
    overMillion: '超过一百万',
  },
  legend: {
    colours: '高亮颜色',
    away: '推离 {{label}}',
    toward: '推向 {{label}}',
    pushToward: '推向 {{label}}',
    pushAway: '推离 {{label}}',
    unknown: '未知',
  },
  ranked: { toward: '推向 {{label}} 的词', away: '推离 {{label}} 的词' },
};
