import type { SiteLocale } from '../../domain/site/articles.ts';

const zh = {
  brand: '安和信息服务', skip: '跳到正文',
  nav: { home: '首页', services: '服务', articles: '帮助文章', contact: '联系我们', portal: '我的账户' },
  footer: '本网站不会要求您在任何非官方渠道付款。对催收行为有意见，请通过“联系我们”页面的投诉渠道反映。',
  latest: '最新文章', categories: '分类', allArticles: '全部文章', search: '搜索文章', searchButton: '搜索', searchResults: '搜索结果：',
  noResults: '没有找到相关文章。', views: '热度', published: '发布时间', prev: '上一篇', next: '下一篇', backToList: '返回文章列表',
  contact: { phone: '电话', address: '地址', hours: '服务时间', complaint: '投诉渠道', complaintPhone: '投诉电话', complaintEmail: '投诉邮箱' },
  portalIntro: '收到我们的短信或信件？用其中的个人链接登录“我的账户”，即可查看欠款、申请分期、提出异议或投诉。',
  feed: '订阅（Atom）', notFound: '页面不存在', notFoundBody: '您要找的页面不存在或已被移除。',
  unsubscribe: {
    title: '退订邮件', ask: '确认后，我们将不再向此电子邮箱发送任何邮件。您仍可通过电话、短信或信件与我们联系，或在“我的账户”中更改联系偏好。',
    confirm: '不再给我发邮件', done: '已退订：我们不会再向此电子邮箱发送邮件。', already: '此电子邮箱此前已退订，我们不会再向它发送邮件。',
    unknown: '此退订链接无效。如需停止接收邮件，请通过“联系我们”页面告诉我们。',
  },
  portal: {
    title: '我的账户', verifyTitle: '请先确认您的身份',
    verifyIntro: '为保护您的隐私，在确认身份之前，我们不会显示任何信息。请输入您身份证号码的后4位和出生日期，或让我们把验证码发到您留存的手机（没有手机时，发到您留存的邮箱）。',
    idLast4: '身份证号码后4位', birthDate: '出生日期（例如 1990-03-07）', verify: '确认', orCode: '或者，使用短信验证码',
    sendCode: '发送验证码到我留存的手机或邮箱', code: '6位验证码', verifyCode: '用验证码确认',
    codeSent: '如果我们有您的手机号码（或电子邮箱），验证码已经发出，10分钟内有效。若不在允许联系的时段，请改用身份证号码和出生日期确认。',
    wrong: '信息不匹配。您还可以再试 {n} 次。', wrongLast: '信息不匹配。您还可以再试 1 次。', unreadable: '请按“年-月-日”（如 1990-03-07）填写出生日期，并填写证件号码的后4位。本次不计入尝试次数。', locked: '错误次数过多，本链接已被锁定。请致电我们或等待新的链接。',
    noSession: '请使用我们通过短信或信件发给您的个人链接打开本页。链接只能使用一次。', expired: '会话已过期，请重新使用个人链接或联系我们获取新链接。',
    accounts: '您的账户', creditor: '委托银行', accountNo: '账号', principal: '本金', interest: '利息', fees: '费用', balance: '合计欠款',
    dpd: '逾期天数', days: '{n} 天', status: '状态', details: '查看与办理', agency: '负责的机构', promises: '还款承诺', plans: '分期计划',
    none: '暂无', nonePlans: '暂无', due: '应还日期', amount: '金额', rights: '我们可以做和不可以做的事', may: '可以：', mayNot: '不可以：',
    activity: '您的办理记录', what: '事项', did: { promise: '承诺还款', hardship: '困难还款申请', dispute: '异议', complaint: '投诉', preferences: '修改联系偏好' },
    reference: '编号', yourReference: '已受理。您的编号是', keepRef: '请保留此编号，以便查询。',
    holds: '暂停催收：', holdKinds: { dispute: '异议处理中', complaint_review: '投诉处理中', hardship_review: '困难申请审核中', attorney: '请联系您的代理人', cease: '停止联系', statute_barred: '您已告知债务已过诉讼时效' } as Record<string, string>,
    promise: '承诺还款', promiseIntro: '告诉我们您能在哪天还多少钱（最晚 {date}）。', amountYuan: '金额（{unit}）', units: { CNY: '元', USD: '美元', GBP: '英镑' }, date: '日期', submitPromise: '提交承诺',
    howToPay: '如何还款', payOfficial: '请通过{bank}的官方渠道还款（官方App、营业网点或官方客服电话），还款直接进入您在银行的账户。', payWarning: '我们是受托催收机构，不代收任何款项，也绝不会要求您转账到个人账户；如有人这样要求，请拒绝并告诉我们。',
    promisePaused: '催收暂停期间不能提交或更改还款承诺；暂停结束后即可办理。如您愿意，仍可随时通过银行的官方渠道还款。',
    yourPromise: '您已承诺在 {date} 前还款 {amount}。', movePromise: '更改承诺', moveIntro: '如需改期或改金额，请填写新的日期和金额（最晚 {date}），原承诺随之取消。', submitMove: '提交更改',
    hardshipPending: '您已就这个账户申请分期，银行正在审核；审核期间我们暂停催收，结果出来后会告诉您。',
    onPlan: '您正在按银行批准的分期计划还款：每期按时还款即可，不需要另外承诺还款，也不需要再次申请分期。',
    planNow: '共 {total}，分 {n} 期；下一期 {next}，应于 {date} 前还款',
    planNowDone: '共 {total}，分 {n} 期；各期已还清',
    hardship: '申请困难分期（停息挂账）', hardshipIntro: '如果您因失业、疾病、灾害等原因暂时无力还款，可以申请个性化分期。申请由银行审核，审核期间我们会暂停催收。',
    reason: '原因', reasons: { unemployment: '失业', illness: '疾病', disaster: '灾害', business_failure: '经营失败', income_drop: '收入下降', other: '其他' } as Record<string, string>,
    statement: '请用自己的话说明情况', income: '每月收入（{unit}）', essentials: '每月必要支出（{unit}）', evidence: '证明材料（PDF、JPG或PNG，不超过5MB，可不传）',
    choosePlan: '选择分期方案', planLine: '{months} 期，每月 {amount}，共 {total}', firstDue: '首期 {date}', submitHardship: '提交申请',
    dispute: '提出异议', disputeIntro: '如果金额不对、不是您的债务或已经还清，请告诉我们。核实期间我们会暂停催收。', describe: '说明',
    disputeReasons: { wrong_amount: '金额不对', not_mine: '不是我的债务', already_paid: '已经还清' } as Record<string, string>,
    submitDispute: '提交异议', complaint: '投诉', complaintIntro: '对我们的催收方式不满意？请告诉我们发生了什么。', submitComplaint: '提交投诉',
    complaintElsewhere: {
      CN: '如对处理结果不满意，您也可以向委托银行投诉，或拨打国家金融监督管理总局消费者投诉热线 12378。',
      US: '您也可以向美国消费者金融保护局（CFPB）投诉：www.consumerfinance.gov/complaint，电话 (855) 411-2372。',
      UK: '如您对我们的最终答复不满意，或我们在八周内未作最终答复，可在最终答复后六个月内免费向金融申诉专员服务机构（Financial Ombudsman Service）投诉：www.financial-ombudsman.org.uk，电话 0800 023 4567。',
    } as Record<string, string>,
    preferences: '联系偏好', preferencesIntro: '选择您希望我们联系您的时间和方式。', preferredHours: '希望联系的时段（须在 {from}-{to} 之间）',
    from: '开始', to: '结束', optOuts: '不要通过以下方式联系我', channels: { call: '电话', sms: '短信', email: '电子邮件', letter: '信件', visit: '上门' } as Record<string, string>,
    adviser: '请联系我的代理人（律师或债务顾问）', adviserName: '代理人姓名', adviserPhone: '代理人电话', save: '保存',
    emailTitle: '用电子邮件联系我', email: '电子邮箱地址', emailHint: '我们可以向这个邮箱发送关于您账户的邮件；每封邮件都附有退订链接。', emailsOnFile: '已登记的邮箱：',
    texts: '短信', textsHint: '按纽约市的规定，我们只给您同意的号码发短信。您同意我们发短信到以下号码（每条短信都说明如何退订）：',
    signOut: '退出', back: '返回我的账户', error: '请更正：', rateLimited: '尝试次数过多，请15分钟后再试。', notFound: '找不到该账户。',
    statusNames: { active: '催收中', promised: '已承诺还款', in_plan: '分期中', on_hold: '暂停催收', lost_contact: '催收中', placed: '催收中' } as Record<string, string>,
    cases: '您的异议和投诉', paidSince: '{on} 以来已还',
    itemAsOfChargeOff: '截至 {date}（银行核销债务之日）', itemAsOf: '截至 {date}', itemInterest: '此后利息', itemFees: '此后费用', itemPaid: '此后已还或抵扣',
    paidSinceNotice: '{on} 寄出通知以来已还',
    finishedTitle: '已结清的账户', finishedLines: { paid: '{bank} {account}：已全部还清（已结清）{last}。这个账户不再欠款。', settled: '{bank} {account}：已按减免方案结清{last}。这个账户不再欠款。', last: '，最后一笔还款 {date}' },
    returnedTitle: '已退回银行的账户', returnedLine: '{bank} {account}：已于 {date} 退回银行（退案），本机构不再处理这个账户，也不会再就此联系您。欠款和还款事宜请直接联系银行。',
    paymentsTitle: '还款记录', reversed: '已退回', paymentsNote: '银行通知我们的还款和我们登记的还款。您向银行还款后，可能需要几天才会显示在这里。',
    caseLines: {
      disputeOpen: '异议（{opened}提出）：我们正在向{bank}核实；答复您之前，不会催收这笔债务。',
      disputeSubstantiate: '异议（{opened}提出）：我们将在{due}之前把证明这笔债务的文件邮寄给您（纽约州法规 23 NYCRR 1.4）；寄出之前，不会催收这笔债务。',
      disputeMailing: '异议（{opened}提出）：{bank}已核实这笔债务，核实结果正在邮寄给您；寄出之前，不会催收。',
      disputeMailed: '异议（{opened}提出）：{bank}已核实这笔债务，核实结果已于{sent}邮寄给您。',
      disputeSubstantiated: '异议（{opened}提出）：{bank}已核实这笔债务，核实结果和证明文件已于{sent}邮寄给您。',
      disputeVerified: '异议（{opened}提出）：{bank}已于{resolved}核实这笔债务。',
      complaintOpen: '投诉（{opened}提出）：我们将在{due}之前答复您。',
      complaintClosed: '投诉（{opened}提出）：已于{resolved}答复。',
    },
    stillDisagree: '如仍有异议，请致电或来信告诉我们，也可以在下方投诉。',
    disputeAlreadyOpen: '这笔债务已有一项处理中的异议（见上）。如需补充说明，请致电或来信。',
  },
};

type Messages = typeof zh;

const en: Messages = {
  brand: 'Anhe Information Services', skip: 'Skip to content',
  nav: { home: 'Home', services: 'Services', articles: 'Help articles', contact: 'Contact', portal: 'My account' },
  footer: 'We never ask you to pay through unofficial channels. To complain about how we collect, use the complaint channel on the Contact page.',
  latest: 'Latest articles', categories: 'Categories', allArticles: 'All articles', search: 'Search articles', searchButton: 'Search', searchResults: 'Results for: ',
  noResults: 'No article matches.', views: 'Views', published: 'Published', prev: 'Previous', next: 'Next', backToList: 'Back to the articles',
  contact: { phone: 'Phone', address: 'Address', hours: 'Opening hours', complaint: 'Complaints', complaintPhone: 'Complaint line', complaintEmail: 'Complaint e-mail' },
  portalIntro: 'Got a text or a letter from us? Use the personal link in it to open “My account”: see what you owe, ask for a plan, dispute or complain.',
  feed: 'Subscribe (Atom)', notFound: 'Page not found', notFoundBody: 'The page you are looking for does not exist or was removed.',
  unsubscribe: {
    title: 'Stop e-mails', ask: 'Once you confirm, we will send no more e-mails to this address. You can still reach us by phone, text or letter, or change how we contact you under My account.',
    confirm: 'Stop e-mails to me', done: 'Done: we will send no more e-mails to this address.', already: 'This address had already opted out; we send it no e-mails.',
    unknown: 'This opt-out link is not known. To stop e-mails, tell us through the Contact page.',
  },
  portal: {
    title: 'My account', verifyTitle: 'First, confirm it is you',
    verifyIntro: 'To protect your privacy we show nothing until you confirm who you are. Enter the last 4 characters of your ID number and your date of birth, or let us send a code to the phone we have on file (to your e-mail address on file when there is no phone).',
    idLast4: 'Last 4 characters of your ID number (in the US your Social Security number, in the UK your National Insurance number)', birthDate: 'Date of birth (e.g. 1990-03-07)', verify: 'Confirm', orCode: 'Or use a text message code',
    sendCode: 'Send a code to my phone or e-mail on file', code: '6-digit code', verifyCode: 'Confirm with the code',
    codeSent: 'If we have your phone number (or e-mail address), a code is on its way; it works for 10 minutes. Outside the hours we may contact you, confirm with your ID number and date of birth instead.',
    wrong: 'That did not match. You have {n} more tries.', wrongLast: 'That did not match. You have 1 more try.', unreadable: 'Write your date of birth as year-month-day (1990-03-07) and the last 4 characters of your number. This did not count as a try.', locked: 'Too many wrong answers: this link is locked. Call us or wait for a new link.',
    noSession: 'Open this page with the personal link we sent you by text or letter. Each link works once.', expired: 'Your session has ended. Open your personal link again or contact us for a new one.',
    accounts: 'Your accounts', creditor: 'Bank', accountNo: 'Account', principal: 'Principal', interest: 'Interest', fees: 'Fees', balance: 'Total owed',
    dpd: 'Days past due', days: '{n} days', status: 'Status', details: 'See and act', agency: 'Who handles it', promises: 'Promises to pay', plans: 'Instalment plans',
    none: 'None', nonePlans: 'None', due: 'Due', amount: 'Amount', rights: 'What we may and may not do', may: 'We may:', mayNot: 'We may not:',
    activity: 'What you have done here', what: 'What', did: { promise: 'Promise to pay', hardship: 'Hardship application', dispute: 'Dispute', complaint: 'Complaint', preferences: 'Contact preferences changed' },
    reference: 'Reference', yourReference: 'Received. Your reference number is', keepRef: 'Keep this number to ask about it.',
    holds: 'Collection paused: ', holdKinds: { dispute: 'dispute being checked', complaint_review: 'complaint being handled', hardship_review: 'hardship application under review', attorney: 'contact your adviser', cease: 'no contact', statute_barred: 'you told us the debt is statute-barred' },
    promise: 'Promise a payment', promiseIntro: 'Tell us how much you can pay and when (at the latest {date}).', amountYuan: 'Amount ({unit})', units: { CNY: 'yuan', USD: 'dollars', GBP: 'pounds' }, date: 'Date', submitPromise: 'Send my promise',
    howToPay: 'How to pay', payOfficial: 'Pay through {bank}\'s official channels (its official app, its branches or its official service line); the money goes straight to your account with the bank.', payWarning: 'We collect on the bank\'s behalf and never take payments ourselves, and we will never ask you to pay into a personal account. If anyone does, refuse and tell us.',
    promisePaused: 'While collection is paused, promises cannot be made or changed; you can once the pause ends. You may still pay through the bank\'s official channels at any time if you wish.',
    yourPromise: 'You promised to pay {amount} by {date}.', movePromise: 'Change my promise', moveIntro: 'Need another date or amount? Give the new ones (at the latest {date}); your earlier promise is then cancelled.', submitMove: 'Send the change',
    hardshipPending: 'You have applied for a plan on this account and the bank is deciding; we pause collection meanwhile and will tell you its answer.',
    onPlan: 'You are repaying on an instalment plan the bank approved: pay each instalment by its date; no separate promise or new application is needed.',
    planNow: '{total} in {n} instalments; next {next}, due by {date}',
    planNowDone: '{total} in {n} instalments; every instalment paid',
    hardship: 'Apply for a hardship plan', hardshipIntro: 'If you cannot pay for now because of job loss, illness, a disaster or the like, you can ask for a personalised instalment plan. The bank decides; we pause collection while it does.',
    reason: 'Reason', reasons: { unemployment: 'Lost my job', illness: 'Illness', disaster: 'Disaster', business_failure: 'Business failed', income_drop: 'Income dropped', other: 'Other' },
    statement: 'Tell us in your own words what happened', income: 'Monthly income ({unit})', essentials: 'Monthly essential spending ({unit})', evidence: 'Evidence (PDF, JPG or PNG, up to 5 MB, optional)',
    choosePlan: 'Choose a plan', planLine: '{months} months, {amount} a month, {total} in all', firstDue: 'first on {date}', submitHardship: 'Send my application',
    dispute: 'Dispute this account', disputeIntro: 'If the amount is wrong, the debt is not yours or it is already paid, tell us. We pause collection while we check.', describe: 'What is wrong',
    disputeReasons: { wrong_amount: 'The amount is wrong', not_mine: 'It is not my debt', already_paid: 'I have already paid' },
    submitDispute: 'Send my dispute', complaint: 'Complain', complaintIntro: 'Unhappy with how we collect? Tell us what happened.', submitComplaint: 'Send my complaint',
    complaintElsewhere: {
      CN: 'If you are not satisfied with how we handle it, you can also complain to the bank that placed your account, or call the consumer complaint line of the National Financial Regulatory Administration, 12378.',
      US: 'You can also submit a complaint to the Consumer Financial Protection Bureau: www.consumerfinance.gov/complaint or (855) 411-2372.',
      UK: 'If you are unhappy with our final response, or we have not sent one within eight weeks, you can refer your complaint to the Financial Ombudsman Service, free of charge, within six months of our final response: www.financial-ombudsman.org.uk or 0800 023 4567.',
    },
    preferences: 'Contact preferences', preferencesIntro: 'Choose when and how you would like us to contact you.', preferredHours: 'Preferred hours (between {from} and {to})',
    from: 'From', to: 'To', optOuts: 'Do not contact me by', channels: { call: 'Phone call', sms: 'Text message', email: 'E-mail', letter: 'Letter', visit: 'Home visit' },
    adviser: 'Contact my adviser (lawyer or debt adviser) instead', adviserName: 'Adviser\'s name', adviserPhone: 'Adviser\'s phone', save: 'Save',
    emailTitle: 'E-mail me', email: 'E-mail address', emailHint: 'We may e-mail you about your account at this address; every e-mail has a link to stop them.', emailsOnFile: 'On file:',
    texts: 'Text messages', textsHint: 'Under New York City\'s rules we text you only at numbers you agree to. You agree that we may text you at these numbers (every text says how to stop them):',
    signOut: 'Sign out', back: 'Back to my account', error: 'Please correct: ', rateLimited: 'Too many attempts; try again in 15 minutes.', notFound: 'No such account.',
    statusNames: { active: 'Being collected', promised: 'Payment promised', in_plan: 'On a plan', on_hold: 'Collection paused', lost_contact: 'Being collected', placed: 'Being collected' },
    cases: 'Your disputes and complaints', paidSince: 'Paid since {on}',
    itemAsOfChargeOff: 'As of {date}, when the bank charged off the debt', itemAsOf: 'As of {date}', itemInterest: 'Interest since then', itemFees: 'Fees since then',
    itemPaid: 'Paid or credited since then', paidSinceNotice: 'Paid since our notice of {on}',
    finishedTitle: 'Accounts paid off', finishedLines: { paid: '{bank} {account}: paid in full{last}. Nothing more is owed on this account.', settled: '{bank} {account}: settled for an agreed reduced amount{last}. Nothing more is owed on this account.', last: '; last payment {date}' },
    returnedTitle: 'Accounts returned to the bank', returnedLine: '{bank} {account}: returned to the bank on {date}. We no longer handle this account and will not contact you about it again. For what is owed and how to pay, contact the bank directly.',
    paymentsTitle: 'Payments on record', reversed: 'returned', paymentsNote: 'The payments the bank told us of and those we recorded. A payment to the bank may take a few days to show here.',
    caseLines: {
      disputeOpen: 'Dispute raised {opened}: we are checking it with {bank}, and will not collect this debt until we have answered you.',
      disputeSubstantiate: 'Dispute raised {opened}: we will mail you the documents that substantiate this debt by {due} (New York law, 23 NYCRR 1.4), and will not collect it until we have.',
      disputeMailing: 'Dispute raised {opened}: {bank} confirmed the debt; the verification is being mailed to you, and we will not collect until it has gone.',
      disputeMailed: 'Dispute raised {opened}: {bank} confirmed the debt; we mailed you the verification on {sent}.',
      disputeSubstantiated: 'Dispute raised {opened}: {bank} confirmed the debt; we mailed you the verification and the documents that substantiate it on {sent}.',
      disputeVerified: 'Dispute raised {opened}: {bank} checked and confirmed the debt on {resolved}.',
      complaintOpen: 'Complaint raised {opened}: we will answer you by {due}.',
      complaintClosed: 'Complaint raised {opened}: answered on {resolved}.',
    },
    stillDisagree: 'If you still disagree, call or write to us, or complain below.',
    disputeAlreadyOpen: 'You have a dispute open on this debt (above). To add anything to it, call or write to us.',
  },
};


/**
 * Spanish, for the debtor portal only (a US debtor who reads Spanish: their personal link opens
 * it, or they choose Español); the help centre's pages and articles are written in Chinese and
 * English, so its links lead to the English ones. The translation is ours (U: the agency's
 * compliance officer reviews it).
 */
const es: Messages = {
  brand: 'Anhe Information Services', skip: 'Ir al contenido',
  nav: { home: 'Inicio', services: 'Servicios', articles: 'Artículos de ayuda (en inglés)', contact: 'Contacto', portal: 'Mi cuenta' },
  footer: 'Nunca le pedimos que pague por canales no oficiales. Para quejarse de cómo cobramos, use el canal de quejas de la página de Contacto.',
  latest: 'Artículos recientes', categories: 'Categorías', allArticles: 'Todos los artículos', search: 'Buscar artículos', searchButton: 'Buscar', searchResults: 'Resultados de: ',
  noResults: 'Ningún artículo coincide.', views: 'Visitas', published: 'Publicado', prev: 'Anterior', next: 'Siguiente', backToList: 'Volver a los artículos',
  contact: { phone: 'Teléfono', address: 'Dirección', hours: 'Horario de atención', complaint: 'Quejas', complaintPhone: 'Línea de quejas', complaintEmail: 'Correo para quejas' },
  portalIntro: '¿Recibió un mensaje de texto o una carta nuestra? Use el enlace personal que contiene para abrir «Mi cuenta»: vea lo que debe, pida un plan de pagos, dispute o presente una queja.',
  feed: 'Suscribirse (Atom)', notFound: 'Página no encontrada', notFoundBody: 'La página que busca no existe o fue eliminada.',
  unsubscribe: {
    title: 'Dejar de recibir correos', ask: 'Cuando lo confirme, no enviaremos más correos a esta dirección. Aún puede comunicarse con nosotros por teléfono, mensaje de texto o carta, o cambiar cómo nos comunicamos con usted en «Mi cuenta».',
    confirm: 'No enviarme más correos', done: 'Listo: no enviaremos más correos a esta dirección.', already: 'Esta dirección ya se había dado de baja; no le enviamos correos.',
    unknown: 'No reconocemos este enlace para darse de baja. Para dejar de recibir correos, díganoslo en la página de Contacto.',
  },
  portal: {
    title: 'Mi cuenta', verifyTitle: 'Primero, confirme que es usted',
    verifyIntro: 'Para proteger su privacidad no mostramos nada hasta que confirme quién es. Escriba los últimos 4 dígitos de su número de Seguro Social y su fecha de nacimiento, o permítanos enviar un código al teléfono que tenemos registrado (a su correo electrónico registrado si no hay teléfono).',
    idLast4: 'Últimos 4 dígitos de su número de Seguro Social', birthDate: 'Fecha de nacimiento (por ejemplo, 1990-03-07)', verify: 'Confirmar', orCode: 'O use un código por mensaje de texto',
    sendCode: 'Enviar un código a mi teléfono o correo registrado', code: 'Código de 6 dígitos', verifyCode: 'Confirmar con el código',
    codeSent: 'Si tenemos su número de teléfono (o correo electrónico), el código ya va en camino; sirve durante 10 minutos. Fuera del horario en que podemos comunicarnos con usted, confirme con su número de Seguro Social y su fecha de nacimiento.',
    wrong: 'Los datos no coinciden. Le quedan {n} intentos.', wrongLast: 'Los datos no coinciden. Le queda 1 intento.', unreadable: 'Escriba su fecha de nacimiento como año-mes-día (1990-03-07) y los últimos 4 dígitos de su número. Este intento no cuenta.', locked: 'Demasiadas respuestas incorrectas: este enlace quedó bloqueado. Llámenos o espere un enlace nuevo.',
    noSession: 'Abra esta página con el enlace personal que le enviamos por mensaje de texto o por carta. Cada enlace sirve una sola vez.', expired: 'Su sesión terminó. Abra de nuevo su enlace personal o pídanos uno nuevo.',
    accounts: 'Sus cuentas', creditor: 'Banco', accountNo: 'Cuenta', principal: 'Capital', interest: 'Intereses', fees: 'Cargos', balance: 'Total adeudado',
    dpd: 'Días de atraso', days: '{n} días', status: 'Estado', details: 'Ver y actuar', agency: 'Quién la gestiona', promises: 'Promesas de pago', plans: 'Planes de pago',
    // Promesas and cuentas are feminine, planes masculine.
    none: 'Ninguna', nonePlans: 'Ninguno', due: 'Vence', amount: 'Monto', rights: 'Lo que podemos y no podemos hacer', may: 'Podemos:', mayNot: 'No podemos:',
    activity: 'Lo que usted ha hecho aquí', what: 'Trámite', did: { promise: 'Promesa de pago', hardship: 'Solicitud por dificultades', dispute: 'Disputa', complaint: 'Queja', preferences: 'Preferencias de contacto cambiadas' },
    reference: 'Referencia', yourReference: 'Recibido. Su número de referencia es', keepRef: 'Guarde este número para consultar sobre el trámite.',
    holds: 'Cobro en pausa: ', holdKinds: { dispute: 'disputa en revisión', complaint_review: 'queja en trámite', hardship_review: 'solicitud por dificultades económicas en revisión', attorney: 'comuníquese con su representante', cease: 'sin contacto', statute_barred: 'usted nos dijo que la deuda prescribió' },
    promise: 'Prometer un pago', promiseIntro: 'Díganos cuánto puede pagar y cuándo (a más tardar el {date}).', amountYuan: 'Monto ({unit})', units: { CNY: 'yuanes', USD: 'dólares', GBP: 'libras' }, date: 'Fecha', submitPromise: 'Enviar mi promesa',
    howToPay: 'Cómo pagar', payOfficial: 'Pague por los canales oficiales de {bank} (su aplicación oficial, sus sucursales o su línea oficial de servicio); el dinero va directamente a su cuenta con el banco.', payWarning: 'Cobramos en nombre del banco y nunca recibimos pagos nosotros mismos, y nunca le pediremos que pague a una cuenta personal. Si alguien se lo pide, niéguese y avísenos.',
    promisePaused: 'Mientras el cobro está en pausa no se pueden hacer ni cambiar promesas de pago; podrá hacerlo cuando termine la pausa. Si lo desea, puede pagar en cualquier momento por los canales oficiales del banco.',
    yourPromise: 'Usted prometió pagar {amount} a más tardar el {date}.', movePromise: 'Cambiar mi promesa', moveIntro: '¿Necesita otra fecha u otro monto? Indique los nuevos (a más tardar el {date}); su promesa anterior queda cancelada.', submitMove: 'Enviar el cambio',
    hardshipPending: 'Ya solicitó un plan para esta cuenta y el banco está decidiendo; mientras tanto pausamos el cobro y le avisaremos su respuesta.',
    onPlan: 'Está pagando con un plan de cuotas que el banco aprobó: pague cada cuota en su fecha; no necesita otra promesa ni una nueva solicitud.',
    planNow: '{total} en {n} cuotas; la próxima de {next}, vence el {date}',
    planNowDone: '{total} en {n} cuotas; todas pagadas',
    hardship: 'Solicitar un plan por dificultades económicas', hardshipIntro: 'Si por ahora no puede pagar por pérdida del empleo, enfermedad, un desastre u otra causa similar, puede pedir un plan de pagos a su medida. El banco decide; mientras tanto, pausamos el cobro.',
    reason: 'Motivo', reasons: { unemployment: 'Perdí mi empleo', illness: 'Enfermedad', disaster: 'Desastre', business_failure: 'Mi negocio cerró', income_drop: 'Mis ingresos bajaron', other: 'Otro' },
    statement: 'Cuéntenos con sus propias palabras lo que pasó', income: 'Ingreso mensual ({unit})', essentials: 'Gastos esenciales mensuales ({unit})', evidence: 'Pruebas (PDF, JPG o PNG, hasta 5 MB, opcional)',
    choosePlan: 'Elija un plan', planLine: '{months} meses, {amount} al mes, {total} en total', firstDue: 'el primero el {date}', submitHardship: 'Enviar mi solicitud',
    dispute: 'Disputar esta cuenta', disputeIntro: 'Si el monto es incorrecto, la deuda no es suya o ya la pagó, díganoslo. Pausamos el cobro mientras lo verificamos.', describe: 'Qué está mal',
    disputeReasons: { wrong_amount: 'El monto es incorrecto', not_mine: 'No es mi deuda', already_paid: 'Ya la pagué' },
    submitDispute: 'Enviar mi disputa', complaint: 'Presentar una queja', complaintIntro: '¿No está conforme con cómo cobramos? Díganos qué pasó.', submitComplaint: 'Enviar mi queja',
    complaintElsewhere: {
      CN: 'Si no está conforme con cómo lo atendemos, también puede quejarse ante el banco que nos encargó su cuenta, o llamar a la línea de quejas del consumidor de la Administración Nacional de Regulación Financiera de China, 12378.',
      US: 'También puede presentar una queja ante la Oficina para la Protección Financiera del Consumidor (CFPB): www.consumerfinance.gov/complaint o (855) 411-2372.',
      UK: 'Si no está conforme con nuestra respuesta final, o no la hemos enviado en ocho semanas, puede llevar su queja gratis al Financial Ombudsman Service dentro de los seis meses siguientes a nuestra respuesta final: www.financial-ombudsman.org.uk o 0800 023 4567.',
    },
    preferences: 'Preferencias de contacto', preferencesIntro: 'Elija cuándo y cómo quiere que nos comuniquemos con usted.', preferredHours: 'Horario preferido (entre las {from} y las {to})',
    from: 'Desde', to: 'Hasta', optOuts: 'No comunicarse conmigo por', channels: { call: 'Llamada telefónica', sms: 'Mensaje de texto', email: 'Correo electrónico', letter: 'Carta', visit: 'Visita a domicilio' },
    adviser: 'Comunicarse con mi representante (abogado o asesor de deudas) en mi lugar', adviserName: 'Nombre del representante', adviserPhone: 'Teléfono del representante', save: 'Guardar',
    emailTitle: 'Escríbanme por correo electrónico', email: 'Dirección de correo electrónico', emailHint: 'Podemos escribirle sobre su cuenta a esta dirección; cada correo tiene un enlace para dejar de recibirlos.', emailsOnFile: 'Registrado:',
    texts: 'Mensajes de texto', textsHint: 'Según las normas de la Ciudad de Nueva York, solo le enviamos mensajes de texto a los números que usted acepte. Acepta que le enviemos mensajes a estos números (cada mensaje dice cómo detenerlos):',
    signOut: 'Cerrar sesión', back: 'Volver a mi cuenta', error: 'Corrija lo siguiente: ', rateLimited: 'Demasiados intentos; vuelva a intentarlo en 15 minutos.', notFound: 'No existe esa cuenta.',
    statusNames: { active: 'En cobro', promised: 'Pago prometido', in_plan: 'En un plan de pagos', on_hold: 'Cobro en pausa', lost_contact: 'En cobro', placed: 'En cobro' },
    cases: 'Sus disputas y quejas', paidSince: 'Pagado desde el {on}',
    itemAsOfChargeOff: 'Al {date}, cuando el banco dio de baja la deuda', itemAsOf: 'Al {date}', itemInterest: 'Intereses desde entonces', itemFees: 'Cargos desde entonces',
    itemPaid: 'Pagos o créditos desde entonces', paidSinceNotice: 'Pagado desde nuestro aviso del {on}',
    finishedTitle: 'Cuentas saldadas', finishedLines: { paid: '{bank} {account}: pagada en su totalidad{last}. No se debe nada más en esta cuenta.', settled: '{bank} {account}: liquidada por un monto reducido acordado{last}. No se debe nada más en esta cuenta.', last: '; último pago el {date}' },
    returnedTitle: 'Cuentas devueltas al banco', returnedLine: '{bank} {account}: devuelta al banco el {date}. Ya no gestionamos esta cuenta y no volveremos a comunicarnos con usted por ella. Para lo que se debe y cómo pagar, comuníquese directamente con el banco.',
    paymentsTitle: 'Pagos registrados', reversed: 'devuelto', paymentsNote: 'Los pagos que el banco nos informó y los que registramos. Un pago al banco puede tardar unos días en aparecer aquí.',
    caseLines: {
      disputeOpen: 'Disputa presentada el {opened}: la estamos verificando con {bank} y no cobraremos esta deuda hasta haberle respondido.',
      disputeSubstantiate: 'Disputa presentada el {opened}: le enviaremos por correo los documentos que respaldan esta deuda a más tardar el {due} (ley de Nueva York, 23 NYCRR 1.4) y no la cobraremos hasta haberlo hecho.',
      disputeMailing: 'Disputa presentada el {opened}: {bank} confirmó la deuda; le estamos enviando la verificación por correo y no cobraremos hasta que haya salido.',
      disputeMailed: 'Disputa presentada el {opened}: {bank} confirmó la deuda; le enviamos la verificación por correo el {sent}.',
      disputeSubstantiated: 'Disputa presentada el {opened}: {bank} confirmó la deuda; le enviamos por correo la verificación y los documentos que la respaldan el {sent}.',
      disputeVerified: 'Disputa presentada el {opened}: {bank} verificó y confirmó la deuda el {resolved}.',
      complaintOpen: 'Queja presentada el {opened}: le responderemos a más tardar el {due}.',
      complaintClosed: 'Queja presentada el {opened}: respondida el {resolved}.',
    },
    stillDisagree: 'Si sigue sin estar de acuerdo, llámenos o escríbanos, o presente una queja abajo.',
    disputeAlreadyOpen: 'Ya tiene una disputa abierta sobre esta deuda (arriba). Para agregar algo, llámenos o escríbanos.',
  },
};

/**
 * The portal's languages: the site's two, and Spanish (the portal only). A Spanish page's help
 * centre content (the agency's name, its contact page) is the English one: contentLocale.
 */
export const PORTAL_LOCALES = ['zh-CN', 'en', 'es'] as const;
export type PortalLocale = (typeof PORTAL_LOCALES)[number];

/** The site content (pages, articles) a portal page in this language shows. */
export function contentLocale(locale: PortalLocale): SiteLocale {
  return locale === 'es' ? 'en' : locale;
}

export function messages(locale: PortalLocale): Messages {
  return locale === 'en' ? en : locale === 'es' ? es : zh;
}

export function fill(template: string, values: Record<string, string | number>): string {
  return template.replace(/\{(\w+)\}/g, (_, k: string) => String(values[k] ?? `{${k}}`));
}
