package io.github.obskit.core.db;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.obskit.core.db.internal.SqlOperation;
import io.github.obskit.core.db.internal.SqlText;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class QueryTypeTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '`', ignoreLeadingAndTrailingWhitespace = false, value = {
        "SELECT 1|SELECT",
        "select * from t|SELECT",
        "  \\n\\t SeLeCt x FROM t|SELECT",
        "-- a comment\\nSELECT 1|SELECT",
        "/* block */ /* another */ select 1|SELECT",
        "/* outer /* nested */ still comment */ delete from t|DELETE",
        "((SELECT 1) UNION (SELECT 2))|SELECT",
        "VALUES (1), (2)|SELECT",
        "TABLE users|SELECT",
        "insert into t values (1)|INSERT",
        "REPLACE INTO t VALUES (1)|INSERT",
        "update t set a = 1|UPDATE",
        "delete from t|DELETE",
        "create table t (id int)|DDL",
        "ALTER TABLE t ADD COLUMN c int|DDL",
        "drop index i|DDL",
        "truncate table t|DDL",
        "COMMENT ON TABLE t IS 'x'|DDL",
        "MERGE INTO t USING s ON (t.id = s.id) WHEN MATCHED THEN DELETE|OTHER",
        "CALL proc(1)|OTHER",
        "{call proc(?)}|OTHER",
        "{? = call f(?)}|OTHER",
        "SET search_path TO x|OTHER",
        "EXPLAIN SELECT 1|OTHER",
        "selected|OTHER",
        "WITH a AS (SELECT 1) SELECT * FROM a|SELECT",
        "with recursive r(n) as (select 1 union all select n + 1 from r) select n from r|SELECT",
        "WITH moved AS (DELETE FROM a RETURNING *) INSERT INTO b SELECT * FROM moved|INSERT",
        "WITH x AS MATERIALIZED (SELECT 'a) update' AS s) UPDATE t SET s = (SELECT s FROM x)|UPDATE",
        "WITH d AS (SELECT 1), e AS (SELECT \"select\" FROM t) DELETE FROM t|DELETE",
        "-- only a comment|OTHER",
    })
    void classifiesByTheLeadingVerb(String sql, QueryType expected) {
        assertThat(QueryType.of(sql.replace("\\n", "\n").replace("\\t", "\t"))).isEqualTo(expected);
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"   ", "(", "/* unterminated", "WITH", "'", "{"})
    void oddTextIsOtherAndNeverThrows(String sql) {
        assertThat(QueryType.of(sql)).isEqualTo(QueryType.OTHER);
    }

    @Test
    void operationNamesAreTheVerbsAndBatchesSayBatch() {
        assertThat(SqlOperation.of("/* x */ insert into t values (1)").operationName())
                .isEqualTo("INSERT");
        assertThat(SqlOperation.of("insert into t values (1)").batchName()).isEqualTo("BATCH INSERT");
        assertThat(SqlOperation.of("explain select 1").operationName()).isEmpty();
        assertThat(SqlOperation.of("explain select 1").batchName()).isEqualTo("BATCH");
    }

    @Test
    void tagValuesAreTheSpecsClosedSet() {
        assertThat(QueryType.tagValues())
                .containsExactly("select", "insert", "update", "delete", "ddl", "other");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '`', ignoreLeadingAndTrailingWhitespace = false, value = {
        "SELECT * FROM users WHERE email = 'a@b.c' AND id = 42|SELECT * FROM users WHERE email = ? AND id = ?",
        "select 'it''s', -3.5e10, x1 from t2|select ?, -?, x1 from t2",
        "SELECT \"Col 1\" FROM t WHERE a = ?|SELECT \"Col 1\" FROM t WHERE a = ?",
        "select $1, $$secret$$, $tag$ body $tag$ from t|select $1, ?, ? from t",
        "insert into t values (E'a\\'b', 7) -- password=hunter2|insert into t values (E?, ?)  ",
        "/* token 123 */ select 1|  select ?",
    })
    void sanitizingReplacesLiteralsAndDropsComments(String sql, String expected) {
        assertThat(SqlText.sanitize(sql, 1000)).isEqualTo(expected);
    }

    @Test
    void sanitizingCutsToTheMaximumLength() {
        assertThat(SqlText.sanitize("SELECT a, b, c FROM some_table", 10)).isEqualTo("SELECT a, ");
        assertThat(SqlText.sanitize(null, 10)).isEmpty();
    }
}
