/** The gateway's password rule, which the sign-up page checks first. */
export const PASSWORD_MIN_LENGTH = 12;
/** Longer passwords are refused before hashing, so a huge one cannot cost the gateway anything. */
export const PASSWORD_MAX_LENGTH = 128;

/**
 * Why a new password is refused: `tooShort`/`tooLong` (12 to 128 characters), `blank` (only
 * spaces), `common` (a well-known password, a keyboard or alphabet run, one word or a few
 * characters repeated, a common word with digits or symbols around it), `personal` (the person's
 * own email or name, with digits or symbols around it). Only for new passwords (sign-up): log-in
 * checks any password against its hash.
 */
export type PasswordProblem = 'tooShort' | 'tooLong' | 'blank' | 'common' | 'personal';

/**
 * Words that make up most of the long passwords in public breach lists once the digits and
 * symbols around them are taken off ("Password1234!", "welcome2024", "iloveyou123456"), and whole
 * long passwords from the top of those lists that the other checks do not catch. Hand-made and
 * short on purpose: the web app bundles it. Compared without case, spaces or separators.
 */
const COMMON_WORDS = `
password passw0rd p@ssword p@ssw0rd pa55word pa55w0rd passwort motdepasse contrasena contraseña
qwerty qwertz azerty letmein welcome welcome1 iloveyou iloveu admin administrator root changeme
changeit default secret guest login user test tester testing demo sample example master access
monkey dragon football baseball basketball soccer hockey sunshine princess superman batman
spiderman starwars pokemon michael jennifer jessica charlie shadow freedom whatever trustno1
computer internet hello hellothere hellokitty goodbye summer winter spring autumn january
february october november december monday friday love lover loveme mylove forever family
lovely angel angels beautiful flower butterfly chocolate cookie cheese pepper ginger orange
banana apple mustang ferrari porsche corvette harley yamaha hunter killer ninja warrior soldier
matrix hacker zombie thunder lightning rainbow diamond silver golden money cash million
millionaire rockstar superstar jordan jordan23 liverpool chelsea arsenal barcelona realmadrid
juventus manchester yankees cowboys steelers eagles lakers tigger pookie snoopy scooby peanut
buster maggie bailey daisy lucky cooker hotmail gmail yahoo facebook google youtube myspace
linkedin twitter instagram netflix microsoft apple123 samsung nokia iphone android windows linux
ubuntu oracle mysql postgres postgresql database server network security secure password123
carebridge care bridge hospital clinic clinician doctor nurse patient health healthcare medical
medicine riverside lakeside hillcrest athena allscripts epic cerner ehr emr
thequickbrownfox thequickbrownfoxjumpsoverthelazydog
iloveyouforever iloveyousomuch letmeinnow letmeinplease openthedoor opensesame nopassword
mypassword yourpassword newpassword oldpassword thepassword passwordpassword supersecret
topsecret verysecret mysecret imsecure iamthebest iamgod godisgood jesuschrist jesus jesuslovesme
blessed blessing christ heaven trinity lovelife happylife happiness goodluck goodlife
onetwothree onetwothreefour abcdefg abcdefgh abc123 aa123456 a1b2c3d4e5f6 q1w2e3r4t5y6
q1w2e3r4t5y6u7i8 1q2w3e4r5t6y 1q2w3e4r5t6y7u8i zaq12wsx zaq1xsw2 1qaz2wsx 1qaz2wsx3edc
1qaz2wsx3edc4rfv qazwsx qazwsxedc qazwsxedcrfv qweasd qweasdzxc 123qwe 123qweasd 123qweasdzxc
asdfghjkl asdfgh asdf qwer zxcv zxcvbnm zxcvbnm123 asdfqwer qwerasdf passpass loginlogin
adminadmin rootroot testtest demodemo userpass password1 password12 password01 welcome123
`
  .trim()
  .split(/\s+/);

/** Runs typed along a keyboard row or the alphabet; a password that is part of one is refused. */
const RUNS = [
  'abcdefghijklmnopqrstuvwxyz',
  '1234567890'.repeat(4),
  'qwertyuiopasdfghjklzxcvbnm',
  'qwertzuiopasdfghjklyxcvbnm',
  'azertyuiopqsdfghjklmwxcvbn',
  '1qaz2wsx3edc4rfv5tgb6yhn7ujm8ik9ol0p',
  '1q2w3e4r5t6y7u8i9o0p',
  'qazwsxedcrfvtgbyhnujmikolp',
  'zaq12wsxcde34rfvbgt56yhnmju78ik',
  '!@#$%^&*()_+',
];

/** Lower case, no spaces, separators or accents: "Pass-Word 12" and "password12" compare alike. */
const squash = (value: string): string =>
  value
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[\s._\-']+/g, '');

const COMMON = new Set(COMMON_WORDS.map(squash));

/** The part between leading and trailing digits and symbols: "!!Password2024!" → "password". */
const core = (squashed: string): string => squashed.replace(/^[^\p{L}]+|[^\p{L}]+$/gu, '');

/** True when the text is one shorter unit said again and again ("abc123abc123", "hellohello"). */
function repeated(text: string): boolean {
  for (let size = 1; size <= text.length / 2; size++) {
    if (text.length % size === 0 && text.slice(0, size).repeat(text.length / size) === text) return true;
  }
  return false;
}

function isRun(text: string): boolean {
  return RUNS.some((run) => run.includes(text) || [...run].reverse().join('').includes(text));
}

/** What a person's own details look like inside a password: the email, its local part, the name. */
function personalWords(personal: { email?: string; name?: string }): string[] {
  const email = personal.email?.trim() ?? '';
  const local = email.split('@')[0] ?? '';
  const name = personal.name?.trim() ?? '';
  return [email, local, name, ...name.split(/\s+/)]
    .map(squash)
    .map(core)
    .filter((word) => word.length >= 4);
}

/**
 * Why a new password is refused, or undefined when it is acceptable. `personal` is the email and
 * name it is chosen with. The server's `passwordProblem` (gateway/src/auth/passwords.ts) words the
 * answer; the sign-up page shows the same.
 */
export function passwordProblem(
  password: string,
  personal: { email?: string; name?: string } = {},
): PasswordProblem | undefined {
  if (password.length < PASSWORD_MIN_LENGTH) return 'tooShort';
  if (password.length > PASSWORD_MAX_LENGTH) return 'tooLong';
  if (password.trim() === '') return 'blank';
  const squashed = squash(password);
  const word = core(squashed);
  const own = personalWords(personal);
  if (own.includes(word) || own.includes(squashed)) return 'personal';
  if (new Set(squashed).size < 5) return 'common';
  if (COMMON.has(squashed) || COMMON.has(word)) return 'common';
  // Only digits and symbols, a keyboard or alphabet run, or one piece repeated.
  if (word === '' || isRun(squashed) || isRun(word) || repeated(squashed) || repeated(word)) return 'common';
  // Two common words or a common word twice around digits: "password2024password", "welcomewelcome1".
  if (COMMON.has(word.replace(/[^\p{L}]+/gu, ''))) return 'common';
  return undefined;
}
