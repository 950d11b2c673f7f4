# sql/: numbered migrations, applied in order by `ebay-scan migrate`.
dist_sql_DATA += sql/0001-init.sql sql/0020-web-notify.sql
