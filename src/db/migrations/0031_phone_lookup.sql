-- Finding a debtor by the phone that called or texted in (来电, SMS replies): the keyed hash of
-- a phone number, without its debtor. Phones only (the half of contact points a call or a
-- reply comes from); until now each lookup read the whole table.
CREATE INDEX contact_points_phone_hash ON contact_points (value_hash) WHERE kind = 'phone';
