import { describe, expect, it } from 'vitest';
import { findMentions } from './find-mentions.js';

const found = (text: string) => findMentions(text, 0, text.length).map((mention) => mention.text);

describe('findMentions follows what GitHub links', () => {
  it('finds a mention or reference at the start, or after any character but a letter or digit', () => {
    expect(found('@ada, (@bo) "#12" ;#3 -@cy .@dee /@ed =@fi +@gu &@hy')).toEqual([
      '@ada',
      '@bo',
      '#12',
      '#3',
      '@cy',
      '@dee',
      '@ed',
      '@fi',
      '@gu',
      '@hy',
    ]);
  });

  it('finds one inside emphasis: GitHub renders _@ada_ as <em>@ada</em>, whose text starts with the @', () => {
    expect(found('_@ada_ and _#123_ and __@bo__ and *@cy*')).toEqual(['@ada', '#123', '@bo', '@cy']);
  });

  it('finds one right after emphasis or a code span closes', () => {
    expect(found('_x_@ada and `x`#12')).toEqual(['@ada', '#12']);
  });

  it('leaves e-mail addresses, words and anchors alone: a letter or digit before them protects them', () => {
    expect(found('ada@example.com C#12 abc#12 x1@bo')).toEqual([]);
  });

  it('leaves the inside of a bare URL alone: GitHub links the URL, and mentions inside a link are not', () => {
    expect(found('see https://medium.com/@ada and www.example.com/#12 or (https://x.dev/@bo)')).toEqual([]);
  });

  it('reads character references as GitHub renders them: &#64;ada, &commat;bob, &#35;1 and &num;2 ping and link', () => {
    expect(found('&#64;ada &commat;bob &#x40;cy &#35;1 &num;2 &#x23;3 @&#97;da &#35; &#12')).toEqual([
      '@ada',
      '@bob',
      '@cy',
      '#1',
      '#2',
      '#3',
      '@ada',
      '#12',
    ]);
    const [mention] = findMentions('see &commat;bob', 0, 15);
    expect(mention).toEqual({ start: 4, end: 15, text: '@bob' });
  });

  it('leaves a reference alone where it renders after a letter', () => {
    expect(found('a&#64;ada C&#35;12 x&commat;bob')).toEqual([]);
  });

  it('reads an escaped reference as the text it renders: no @, but a #64 that GitHub links', () => {
    expect(found('\\&#64;ada \\&commat;bob &amp;#64;cy')).toEqual(['#64', '#64']);
  });

  it('finds a mention after a scheme that GitHub does not link, with no valid host after it', () => {
    expect(found('http://"@carol" https://[@bob] https://(#77) https://@dee http://a_b.example/@ed')).toEqual([
      '@carol',
      '@bob',
      '#77',
      '@dee',
      '@ed',
    ]);
  });

  it('leaves the inside of www. and ftp:// links alone too, as GitHub links them', () => {
    expect(found('www.@ada ftp://files.example/@bo (www.example.com/#12)')).toEqual([]);
  });

  it('finds teams, repository references and GH- references', () => {
    expect(found('@acme/release-team acme/widget#3 GH-9 _acme/widget#4_')).toEqual([
      '@acme/release-team',
      'acme/widget#3',
      'GH-9',
      'acme/widget#4',
    ]);
  });

  it('takes an escaping backslash with the reference: \\#1 renders as #1', () => {
    const [mention] = findMentions('see \\#1', 0, 7);
    expect(mention).toEqual({ start: 4, end: 7, text: '#1' });
  });
});
