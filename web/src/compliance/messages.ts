import type { FeatureMessages } from '../i18n/features.ts';
import en from './messages.en.json' with { type: 'json' };
import zhCN from './messages.zh-CN.json' with { type: 'json' };

export const complianceMessages: FeatureMessages = { en, 'zh-CN': zhCN };
