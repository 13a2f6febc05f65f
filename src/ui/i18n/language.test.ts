import { describe, expect, it } from 'vitest';
import { chooseLanguage, languageOf } from './language';
import { langFor, scriptLanguage } from './textLang';

describe('the page language', () => {
  it.each([
    [null, ['en-US', 'zh-CN'], 'en'],
    [null, ['zh-CN', 'en'], 'zh-CN'],
    [null, ['zh-TW'], 'zh-CN'],
    [null, ['fr-FR', 'zh'], 'zh-CN'],
    [null, ['fr-FR', 'de'], 'en'],
    [null, [], 'en'],
    ['zh-CN', ['en-US'], 'zh-CN'],
    ['en', ['zh-CN'], 'en'],
    ['klingon', ['zh-CN'], 'zh-CN'],
  ] as const)('stored %s, browser %j → %s', (stored, browser, language) => {
    expect(chooseLanguage(stored, browser)).toBe(language);
  });

  it('reads any Chinese tag as Simplified Chinese and nothing else as a language Sift speaks', () => {
    expect(languageOf('zh-Hans-CN')).toBe('zh-CN');
    expect(languageOf('en-GB')).toBe('en');
    expect(languageOf('eo')).toBeNull();
  });
});

describe('the language of a text, by its script', () => {
  it.each([
    ['大模型时代创业者的经验教训', 'zh'],
    ['iPhone 17 发布会定于九月举行', 'zh'],
    ['Free entry in 2 a wkly comp to win FA Cup final tkts', 'en'],
    ['東京でラーメンを食べた', 'ja'],
    ['서울의 날씨', 'ko'],
    ['12345 !!!', null],
    ['', null],
  ] as const)('%s → %s', (text, script) => {
    expect(scriptLanguage(text)).toBe(script);
  });

  it('marks only what differs from the page', () => {
    expect(langFor('体育新闻', 'en')).toBe('zh');
    expect(langFor('体育新闻', 'zh-CN')).toBeUndefined();
    expect(langFor('sports news', 'zh-CN')).toBe('en');
    expect(langFor('sports news', 'en')).toBeUndefined();
    expect(langFor('42', 'zh-CN')).toBeUndefined();
  });
});
