#!/usr/bin/env bash
# Wall time of `geocsp predict` and of the Spark main class in local mode (local[2], one PyTorch
# thread per task) on the same CSV; see docs/spark.md. Run from the repository root.
# Usage: scripts/spark-vs-cli.sh MODEL ROWS.csv OUT_DIR CLASSPATH_FILE
set -euo pipefail
M=$1; IN=$2; OUT=$3; CP=$4
export DJL_OFFLINE=true OMP_WAIT_POLICY=PASSIVE SPARK_LOCAL_IP=127.0.0.1
# the JVM options Spark needs on Java 17 (spark-submit adds them itself), kept in spark/pom.xml
OPENS=$(sed -n '/<spark.test.jvm.opens>/,/<\/spark.test.jvm.opens>/p' spark/pom.xml | sed 's/<[^>]*>//g' | tr -s ' \n' ' ')
t() { local s; s=$(date +%s.%N); "$@" >/dev/null 2>"$OUT/last.err" || { cat "$OUT/last.err"; exit 1; }; echo "$(date +%s.%N) - $s" | bc; }
mkdir -p "$OUT"; rm -rf "$OUT/cli.csv" "$OUT/spark-csv"
echo "geocsp predict, csv -> csv: $(t ./geocsp predict --model "$M" --input "$IN" --output "$OUT/cli.csv") s"
echo "spark local[2], csv -> csv: $(t java -Xmx2g $OPENS -Dspark.master='local[2]' \
    -cp "spark/target/geocsp-spark-0.1.0-SNAPSHOT.jar:$(cat "$CP")" org.geocsp.spark.GeoCspSparkMain \
    --model "$M" --input "$IN" --output "$OUT/spark-csv" --output-format csv --threads 1) s"
grep "geocsp-spark:" "$OUT/last.err"
