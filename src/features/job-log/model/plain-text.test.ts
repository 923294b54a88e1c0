import { describe, expect, it } from 'vitest';
import { plainLogText } from './plain-text.ts';

describe('plainLogText', () => {
  it('drops colours, erase-line and section markers, keeping the text and its lines', () => {
    const raw =
      'section_start:1700000000:prepare_script[collapsed=true]\r\x1b[0K\x1b[36;1mPreparing\x1b[0;m\n' +
      '\x1b[32;1m$ bundle exec rspec\x1b[0;m\n' +
      ' \x1b[42m \x1b[30m PASS \x1b[39m\x1b[49m spec/user_spec.rb\n' +
      'section_end:1700000005:prepare_script\r\x1b[0K\n';
    expect(plainLogText(raw)).toBe('Preparing\n$ bundle exec rspec\n   PASS  spec/user_spec.rb\n\n');
  });

  it('drops OSC titles and hyperlinks but keeps their visible text, and keeps the \\r of progress bars', () => {
    const raw = '\x1b]0;title\x07\x1b]8;;https://example.com\x1b\\link\x1b]8;;\x1b\\ 10%\r 50%\r100%\n';
    expect(plainLogText(raw)).toBe('link 10%\r 50%\r100%\n');
  });

  it('leaves text that only looks like a marker alone', () => {
    expect(plainLogText('echo section_start:x:y\nnot ESC [31m\n')).toBe('echo section_start:x:y\nnot ESC [31m\n');
  });
});
