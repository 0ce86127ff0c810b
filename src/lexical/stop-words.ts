/**
 * Terms too common to carry meaning in code search: English function words and keywords that
 * appear in nearly every chunk of their language. Dropped on both the index and the query side.
 * Kept on purpose: words that do distinguish code (async, await, yield, static, class, interface,
 * struct, enum, trait, test, error, throw, catch).
 */
const ENGLISH = `a an and are as at be been but by can could did do does doing for from had has have
how i if in into is it its me my of on or our should so than that the their them then there these
they this those to too us was we were what when where which while who why will with would you your`;

const KEYWORDS = `var let const function func fn def return else elif elsif end endif fi done esac
begin new self void int bool true false null nil none undefined public private protected
import imports from package include require module export exports default pub mut ref val
string str`;

export const STOP_WORDS: ReadonlySet<string> = new Set(`${ENGLISH} ${KEYWORDS}`.split(/\s+/).filter(Boolean));
