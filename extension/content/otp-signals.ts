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
    'verificationcode', 'securitycode', 'authenticator', 'authenticationcode', 'authcode', 'mfa', 'secondfactor',
    '2factor', '2step', 'verificationapp'],
  de: ['einmalcode', 'bestatigungscode', 'sicherheitscode', 'zweifaktor', 'authentifizierungscode', 'einmalpasswort',
    'zweiterfaktor', '2faktor', 'zweistufig'],
  fr: ['codedeverification', 'codedesecurite', 'usageunique', 'doublefacteur', 'codedauthentification', 'secondfacteur',
    'deuxiemefacteur', 'deuxfacteurs', 'deuxetapes'],
  es: ['codigodeverificacion', 'codigodeseguridad', 'unsolouso', 'dospasos', 'codigodeautenticacion', 'segundofactor',
    'dosfactores'],
  pt: ['codigodeverificacao', 'codigodeautenticacao', 'doisfatores', 'segundofator', 'duasetapas'],
  it: ['codicediverifica', 'codicedisicurezza', 'codicediautenticazione', 'dueffattori', 'duefattori', 'secondofattore',
    'duepassaggi'],
  nl: ['verificatiecode', 'beveiligingscode', 'tweestapsverificatie', 'authenticatiecode', 'eenmalige', 'tweedefactor',
    'tweefactor', 'tweestaps'],
  pl: ['kodweryfikacyjny', 'koduwierzytelniajacy', 'dwuetapow', 'jednorazowy', 'dwuskładnikow', 'drugiskładnik'],
  sv: ['verifieringskod', 'engangskod', 'sakerhetskod', 'tvastegs', 'tvafaktor', 'andrafaktor'],
  tr: ['dogrulamakodu', 'guvenlikkodu', 'tekkullanimlik', 'ikifaktorlu', 'ikincifaktor', 'ikiadımlı'],
  ru: ['кодподтверждения', 'одноразовыйкод', 'двухфакторн', 'проверочныйкод', 'второйфактор', 'двухэтапн'],
  ja: ['確認コード', '認証コード', 'ワンタイム', 'セキュリティコード', '二段階', '二要素'],
  zh: ['验证码', '动态码', '两步验证', '安全码', '驗證碼', '双重验证', '双因素', '第二因素', '兩步驟驗證'],
  ko: ['인증코드', '인증번호', '보안코드', '일회용', '2단계인증', '2차인증', '이중인증'],
};

/**
 * A field named (name or id) exactly like this is a code field on its own when it is the only text-like input of
 * its form; beside a user name or password field "passcode" is often the password itself.
 */
export const EXACT_NAMES = ['otp', 'totp', 'mfa', '2fa', 'passcode', 'authcode'];

/** Weak words: a field named like this is a code field only with corroboration (numeric, 6–8 long, context). */
export const WEAK_TOKENS = ['code', 'otp', 'pin', 'token', 'verify', 'verification', 'auth', 'passcode', 'codigo', 'codice', 'kod',
  'код'];

/**
 * A hardware security key (YubiKey, WebAuthn): its one-time passwords are typed by the key itself, so a field about
 * one is never given a TOTP code, and a page about one does not corroborate a weak field.
 */
export const HARDWARE_KEY_PHRASES = ['securitykey', 'hardwarekey', 'yubikey', 'yubico', 'webauthn', 'passkey',
  'sicherheitsschlussel', 'cledesecurite', 'clefdesecurite', 'llavedeseguridad', 'clavedeseguridad', 'chavedeseguranca',
  'chiavedisicurezza', 'beveiligingssleutel', 'kluczbezpieczenstwa', 'sakerhetsnyckel', 'güvenlikanahtarı',
  'ключбезопасности', 'セキュリティキー', '安全密钥', '安全金鑰', '보안키'];

/** Words that rule a field out whatever else it says (matched as compact substrings). */
export const NEGATIVE_TOKENS = [
  'postal', 'postcode', 'zip', 'plz', 'codepostal', 'codigopostal',
  'phone', 'telephone', 'mobile', 'telefon', 'telefono', 'cellulare',
  'cvc', 'cvv', 'csc', 'cardverification', 'creditcard', 'cardnumber', 'card', 'karte', 'carte', 'tarjeta',
  'coupon', 'promo', 'voucher', 'giftcode', 'discount', 'rabatt', 'gutschein', 'referral', 'invite',
  'captcha', 'search', 'query', 'username', 'email',
  ...HARDWARE_KEY_PHRASES,
];

/** Words that make a code field a recovery-code field: it must never receive a TOTP code. */
export const RECOVERY_TOKENS = ['recovery', 'backup', 'scratch', 'statictoken', 'lookupsecret', 'emergency', 'wiederherstellung',
  'recuperation', 'secours', 'recuperacion', 'respaldo', 'recuperacao', 'recupero', 'herstel', 'резервн'];

/**
 * Page text saying the code came by SMS or e-mail: then the field is not ours, even with
 * autocomplete="one-time-code", unless the page also speaks of an authenticator app.
 */
export const SMS_OR_EMAIL_PHRASES = ['sms', 'textmessage', 'wetexted', 'textedyou', 'textedacode', 'senttoyourphone',
  'senttoyournumber', 'senttoyouremail', 'toyouremail', 'byemail', 'viaemail',
  'weemailed', 'emailedyou', 'emailedacode', 'checkyouremail', 'checkyourinbox', 'inyourinbox', 'phoneendingin',
  'numberendingin', 'sentacodeto', 'sentyouacode',
  'peremail', 'anihreemail', 'anihretelefonnummer', 'anihrehandynummer', 'persms', // de
  'parsms', 'paremail', 'parcourriel', 'avotreadresseemail', 'avotreadressee', 'parmail', // fr
  'porsms', 'porcorreo', 'atucorreo', 'asucorreo', 'porcorreoelectronico', // es
  'poremail', 'paraoseuemail', 'paraseuemail', // pt
  'tramiteemail', 'tramitesms', 'allatuaemail', 'alvostroindirizzoemail', // it
  'naarjeemail', 'naaruwemail', 'naarjetelefoon', 'naaruwtelefoon', // nl
  'wysłaliśmy', 'emailem', 'naadresemail', // pl
  'tilldinepost', 'viaepost', 'viasms', // sv
  'epostaadresinize', 'epostaile', 'telefonunuza', // tr
  'посмс', 'смс', 'напочту', 'наэлектроннуюпочту', 'поэлектроннойпочте', // ru
  'メールで', 'メールアドレスに', 'ショートメッセージ', // ja
  '短信', '邮件', '郵件', '簡訊', // zh
  '문자메시지', '이메일로', '문자로', // ko
];

/**
 * Page text naming an authenticator app: outweighs the SMS / e-mail phrases (a page that offers both is about the
 * app), and corroborates weak signals.
 */
export const AUTHENTICATOR_APP_PHRASES = ['authenticator', 'totp', 'verificationapp', 'authenticationapp', 'authapp',
  'twofactorapp', 'mobileapp', 'phoneapp', 'yourapp', 'appgenerated',
  'authentifizierungsapp', 'authentifikatorapp', 'verifizierungsapp', // de
  'applicationdauthentification', 'applicationdeverification', // fr
  'aplicaciondeautenticacion', 'aplicaciondeverificacion', 'appdeautenticacion', // es
  'aplicativodeautenticacao', 'appdeautenticacao', 'aplicacaodeautenticacao', // pt
  'appdiautenticazione', 'applicazionediautenticazione', // it
  'authenticatieapp', 'verificatieapp', // nl
  'aplikacjauwierzytelniajac', 'aplikacjiuwierzytelniajac', // pl
  'autentiseringsapp', 'verifieringsapp', // sv
  'doğrulamauygulaması', 'kimlikdoğrulamauygulaması', // tr
  'аутентификатор', 'приложениедляаутентификации', // ru
  '認証アプリ', '認証システム', // ja
  '身份验证器', '验证器', '驗證器', // zh
  '인증앱', '인증기앱', 'otp앱', // ko
];

/**
 * Page text about a second factor in general: corroborates weak signals, but a second factor can also come by SMS,
 * so these do not outweigh the SMS / e-mail phrases.
 */
// Pure (annotated) so that a bundle using none of these lists drops them: a spread would count as a side effect.
export const CONTEXT_OTP_PHRASES = /* @__PURE__ */ AUTHENTICATOR_APP_PHRASES.concat(['twofactor', '2fa', 'onetimecode', 'authenticationcode',
  'verificationcode', 'securitycode', 'secondfactor', '2factor', 'twostep', '2step', 'authenticatorcode',
  'zweifaktor', 'zweiterfaktor', '2faktor', 'doublefacteur', 'secondfacteur', 'deuxiemefacteur', 'deuxfacteurs',
  'dosfactores', 'segundofactor', 'dospasos', 'doisfatores', 'segundofator', 'duasetapas', 'duefattori', 'secondofattore',
  'tweestaps', 'tweedefactor', 'tweefactor', 'dwuetapow', 'dwuskładnikow', 'drugiskładnik', 'tvastegs', 'tvafaktor',
  'andrafaktor', 'ikifaktorlu', 'ikincifaktor', 'ikiadımlı', 'двухфакторн', 'второйфактор', 'двухэтапн', '二段階',
  '二要素', '两步验证', '双重验证', '双因素', '第二因素', '2단계인증', '2차인증', '이중인증']);

/** A freshly issued list of recovery codes sits near one of these headings. */
export const RECOVERY_LIST_PHRASES = ['recoverycodes', 'backupcodes', 'recoverycode', 'backupcode',
  'wiederherstellungscodes', 'codesdesecours', 'codigosderecuperacion'];

/**
 * A control or line offering to send the code again, or counting down to it: a TOTP page has none. Matched against
 * the compact text of the page's other controls and its prose. "New code" alone is left out: enrolment pages say
 * the app makes a new code every 30 seconds.
 */
export const RESEND_PHRASES = ['resend', 'sendagain', 'sendanother', 'sendanew', 'sendnew', 'sendmeanew', 'sendcodeagain',
  'requestnewcode', 'requestanewcode', 'getanewcode', 'didntget', 'didntreceive', 'notreceived',
  'erneutsenden', 'nochmalsenden', 'renvoyer', 'envoyeranouveau', 'reenviar', 'volveraenviar', 'inviadinuovo', 'rinvia',
  'opnieuwverzenden', 'opnieuwversturen', 'wyslijponownie', 'skickaigen', 'tekrargonder', 'yenidengonder',
  'отправитьповторно', 'отправитьещераз', '再送', '重新发送', '重发', '重新傳送', '재전송', '다시보내기', '재발송'];

/** Message channels: named by a heading, label or tab, or in the prose around a field, a code came through them. */
export const MESSAGE_CHANNELS = ['sms', 'textmessage', 'telegram', 'whatsapp', 'signal', 'pushnotification', 'notify',
  'phonecall', 'voicecall', 'anruf', 'appeltelephonique', 'llamada', 'ligacao', 'chiamata', 'смс', 'звонок',
  'ショートメッセージ', '短信', '簡訊', '문자'];

/** E-mail, in every language of the tables: weaker in prose (pages mention e-mail for other reasons), strong in a heading. */
export const EMAIL_CHANNELS = ['email', 'courriel', 'correo', 'eposta', 'epost', 'postaelettronica', 'почт', 'メール',
  '邮件', '郵件', '邮箱', '信箱', '이메일'];

/**
 * Words saying something was sent (compact, so "sent" alone would match "present" or "Sentry"): with e-mail named in
 * the same prose, the code on the page is one that was sent.
 */
export const SENT_WORDS = ['wesent', 'hasbeensent', 'havebeensent', 'wassent', 'justsent', 'sentto', 'sentyou', 'sentvia',
  'sentby', 'sentacode', 'texted', 'emailed', 'gesendet', 'geschickt', 'envoye', 'enviado', 'enviamos', 'inviato',
  'verzonden', 'verstuurd', 'wyslal', 'wysłan', 'skickat', 'gonderil', 'отправ', '送信', '发送', '發送', '寄送', '전송', '보냈'];
