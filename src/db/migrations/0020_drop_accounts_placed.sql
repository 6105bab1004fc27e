-- accounts_placed (0006) indexed the accounts waiting to be dealt, but the deal finds them with
-- the accounts it scans anyway (open and unassigned, or still 'placed': src/db/assignment-repository.ts,
-- accountsToDeal), and no other statement reads it. Every placed account still paid for an entry,
-- a placement import of a million accounts a million of them, and dealing could not update an
-- account's status in place (a HOT update) while an index's predicate read the status.
DROP INDEX accounts_placed;
