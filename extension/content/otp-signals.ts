// Detection signals as data: the words that mark (or rule out) a one-time-code field, per language.
// Matched against "compact" text: lower case, accents stripped, everything but letters and digits removed.

/** `autocomplete` tokens: decisive for a code, or proof the field is something else. */
export const AUTOCOMPLETE_OTP = 'one-time-code';
export const AUTOCOMPLETE_OTHER = [
  'username', 'email', 'current-password', 'new-password', 'tel', 'tel-national', 'tel-local', 'postal-code',
  'cc-number', 'cc-csc', 'cc-exp', 'cc-name', 'street-address', 'address-line1', 'name', 'given-name',
  'family-name', 'organization', 'country', 'bday', 'transaction-amount',
];

/** Strong words: alone enough to call a field a one-time-code field. */
export const STRONG_TOKENS: Record<string, string[]> = {
  en: ['totp', 'onetimecode', 'onetimepass', 'onetime', 'otpcode', 'mfacode', '2facode', 'twofactor', 'twostep', '2fa',
    'verificationcode', 'securitycode', 'authenticator', 'authenticationcode', 'authcode', 'passcode', 'mfa'],
  de: ['einmalcode', 'bestatigungscode', 'sicherheitscode', 'zweifaktor', 'authentifizierungscode', 'einmalpasswort'],
  fr: ['codedeverification', 'codedesecurite', 'usageunique', 'doublefacteur', 'codedauthentification'],
  es: ['codigodeverificacion', 'codigodeseguridad', 'unsolouso', 'dospasos', 'codigodeautenticacion'],
  pt: ['codigodeverificacao', 'codigodeautenticacao', 'doisfatores'],
  it: ['codicediverifica', 'codicedisicurezza', 'codicediautenticazione', 'dueffattori', 'duefattori'],
  nl: ['verificatiecode', 'beveiligingscode', 'tweestapsverificatie', 'authenticatiecode', 'eenmalige'],
  pl: ['kodweryfikacyjny', 'koduwierzytelniajacy', 'dwuetapow', 'jednorazowy'],
  sv: ['verifieringskod', 'engangskod', 'sakerhetskod', 'tvastegs'],
  tr: ['dogrulamakodu', 'guvenlikkodu', 'tekkullanimlik'],
  ru: ['кодподтверждения', 'одноразовыйкод', 'двухфакторн', 'проверочныйкод'],
  ja: ['確認コード', '認証コード', 'ワンタイム', 'セキュリティコード'],
  zh: ['验证码', '动态码', '两步验证', '安全码', '驗證碼'],
  ko: ['인증코드', '인증번호', '보안코드', '일회용'],
};

/** Weak words: a field named like this is a code field only with corroboration (numeric, 6–8 long, context). */
export const WEAK_TOKENS = ['code', 'otp', 'pin', 'token', 'verify', 'verification', 'auth', 'codigo', 'codice', 'kod', 'код'];

/** Words that rule a field out whatever else it says (matched as compact substrings). */
export const NEGATIVE_TOKENS = [
  'postal', 'postcode', 'zip', 'plz', 'codepostal', 'codigopostal',
  'phone', 'telephone', 'mobile', 'telefon', 'telefono', 'cellulare',
  'cvc', 'cvv', 'csc', 'cardverification', 'creditcard', 'cardnumber', 'card', 'karte', 'carte', 'tarjeta',
  'coupon', 'promo', 'voucher', 'giftcode', 'discount', 'rabatt', 'gutschein', 'referral', 'invite',
  'captcha', 'search', 'query', 'username', 'email',
];

/** Words that make a code field a recovery-code field: it must never receive a TOTP code. */
export const RECOVERY_TOKENS = ['recovery', 'backup', 'scratch', 'wiederherstellung', 'recuperation', 'secours',
  'recuperacion', 'respaldo', 'recuperacao', 'recupero', 'herstel', 'резервн'];

/** Page text saying the code came by SMS or e-mail: then the field is not ours. */
export const SMS_OR_EMAIL_PHRASES = ['sms', 'textmessage', 'wetexted', 'senttoyourphone', 'senttoyournumber',
  'senttoyouremail', 'weemailed', 'checkyouremail', 'checkyourinbox', 'persms', 'parsms', 'porsms', 'wysłaliśmy'];

/** Page text about an authenticator app: corroborates weak signals and outweighs the SMS/e-mail phrases. */
export const CONTEXT_OTP_PHRASES = ['authenticator', 'authenticatorapp', 'twofactor', '2fa', 'onetimecode', 'totp',
  'authenticationcode', 'verificationcode', 'securitycode', 'zweifaktor', 'doublefacteur', 'dosfactores', 'duefattori',
  'tweestaps', 'двухфакторн', '二段階', '两步验证'];

/** A freshly issued list of recovery codes sits near one of these headings. */
export const RECOVERY_LIST_PHRASES = ['recoverycodes', 'backupcodes', 'recoverycode', 'backupcode',
  'wiederherstellungscodes', 'codesdesecours', 'codigosderecuperacion'];
