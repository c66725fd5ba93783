-- The table every version has.
CREATE TABLE alpha (id BIGINT PRIMARY KEY);
