import type { Translation } from '../../catalog';
import type { common as english } from '../en/common';

export const common: Translation<typeof english> = {
  cancel: '取消',
  dismiss: '关闭',
  close: '关闭',
  code: '错误码',
  none: '无',
  yes: '是',
  no: '否',
  classes_other: '{{count, number}} 个类别',
  texts_other: '{{count, number}} 条文本',
  examples_other: '{{count, number}} 个样本',
  tokens_other: '{{count, number}} 个词元',
  words_other: '{{count, number}} 个词',
  characters_other: '{{count, number}} 个字符',
  errorRow: '第 {{row}} 行',
  errorColumn: '“{{column}}”列',
  format: {
    underSecond: '不到 1 秒',
    seconds: '{{n}} 秒',
    minutes: '{{m}} 分钟',
    minutesSeconds: '{{m}} 分 {{s}} 秒',
    about: '约 {{time}}',
    partSeparator: '；',
    listSeparator: '、',
  },
  delimiters: { comma: '逗号（,）', semicolon: '分号（;）', tab: '制表符', pipe: '竖线（|）' },
};
