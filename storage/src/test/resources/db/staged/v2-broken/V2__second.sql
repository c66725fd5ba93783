-- Two tables; the beta line fails, after H2 has committed the alpha.
CREATE TABLE beta (id BIGINT PRIMARY KEY);
CREATE TABLE gamma (id BIGINT REFERENCES nowhere (id));
