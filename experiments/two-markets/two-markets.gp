# Contagion through a shared pool. Run from this folder:  gnuplot two-markets.gp
# Top: replicate 0 at a 20% shock beside a small and a large neighbour (run-*-neighbour/).
# Bottom: the study (results/estimates.csv), the main market's P(run) and bad debt against the neighbour's
# size, 100 paired replicates per point, 95% intervals (Wilson for P(run), t for the mean).
set terminal pngcairo size 1100,800 font "sans,10"
set output "two-markets.png"
set datafile separator ","
set multiplot layout 2,2 title "Two lending markets sharing one ETH/USD pool (two-markets.yaml)"
set grid
set key bottom right
set xlabel "tick (hours)"
set xrange [0:300]
set ylabel "ETH price (USD)"
set title "The shared pool: its price is both markets' oracle"
plot "run-small-neighbour/series.csv" every ::1 using 1:2 with lines lw 1 lc rgb "#999999" title "external price", \
     "run-small-neighbour/series.csv" every ::1 using 1:3 with lines lw 2 lc rgb "#3366aa" title "pool, small neighbour", \
     "run-large-neighbour/series.csv" every ::1 using 1:3 with lines lw 2 lc rgb "#aa3333" title "pool, large neighbour"
set ylabel "cumulative liquidations (USD millions)"
set title "Liquidations by market (replicate 0, 20% shock at tick 24)"
set key right center
rows(file, m) = sprintf("< awk -F, '$2 == \"%s\"' %s", m, file)
plot rows("run-small-neighbour/markets.csv", "main") using 1:($7/1e6) with lines lw 2 lc rgb "#3366aa" title "main, small neighbour", \
     rows("run-large-neighbour/markets.csv", "main") using 1:($7/1e6) with lines lw 2 lc rgb "#aa3333" title "main, large neighbour", \
     rows("run-large-neighbour/markets.csv", "degen") using 1:($7/1e6) with lines lw 2 dt 2 lc rgb "#aa3333" title "the large neighbour itself"
set xrange [-3:53]
set xlabel "the neighbour's deposits D0 (USD millions, about 4,946 x its deposit median)"
set ylabel "P(run) of the main market"
set yrange [-0.02:1.05]
set title "Main market: P(run) with 95% Wilson intervals"
set key top left
s(x) = x * 4946 / 1e6
shock(k) = sprintf("< awk -F, 'NR > 1 && $2 == %.1f' results/estimates.csv", k / 10.0)
plot for [k=1:3] shock(k) using (s($1)):5:6:7 with yerrorlines lw 2 pt 7 title sprintf("ETH shock %d%%", 10*k)
set yrange [*:*]
set ylabel "main market's bad debt (USD millions)"
set title "Main market: mean bad debt with 95% intervals"
plot for [k=1:3] shock(k) using (s($1)):($10/1e6):($11/1e6):($12/1e6) with yerrorlines lw 2 pt 7 title sprintf("ETH shock %d%%", 10*k)
unset multiplot
