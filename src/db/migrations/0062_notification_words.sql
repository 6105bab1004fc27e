-- A notice's words in Chinese beside the English (message): a collector reading the product in
-- Chinese reads their notices in Chinese. Null for notices written before: the English stands.
ALTER TABLE notifications ADD COLUMN message_zh text;
