# Bridge contagion. Run from this folder:  gnuplot bridge-contagion.gp
# Each market's P(run) and mean bad debt against the recovery value of WBTC after its bridge fails at tick
# 100 (results/summary.csv), 200 paired replicates per point, 95% intervals (Wilson for P(run),
# mean ± 1.96 s/√n for bad debt). "no failure" is drawn at recovery 1 with an open marker: it is the
# scenario without the stress, not a failure at recovery 1 (which would also freeze WBTC's price).
set terminal pngcairo size 1100,450 font "sans,10"
set output "bridge-contagion.png"
set datafile separator ","
set multiplot layout 1,2 title "A WBTC bridge failure at tick 100, two markets sharing every pool (bridge-contagion.yaml)"
set grid
set xlabel "WBTC recovery value (price after the failure / price before)"
set xrange [0.2:1.05]
rows(m) = sprintf("< awk -F, 'NR > 1 && $1 != \"none\" && $3 == \"%s\"' results/summary.csv", m)
base(m) = sprintf("< awk -F, 'NR > 1 && $1 == \"none\" && $3 == \"%s\"' results/summary.csv", m)
set ylabel "P(run)"
set yrange [-0.02:1.45]   # headroom: the legend sits above the data
set ytics 0, 0.2, 1
set title "P(run) with 95% Wilson intervals"
set key top right
plot rows("main") using 2:6:7:8 with yerrorlines lw 2 pt 7 lc rgb "#3366aa" title "main (basket WBTC 0.3, ETH 0.5, stETH 0.2)", \
     rows("wbtc_only") using 2:6:7:8 with yerrorlines lw 2 pt 5 lc rgb "#aa3333" title "wbtc\\_only (WBTC alone)", \
     base("main") using (1):6:7:8 with yerrorbars lw 2 pt 6 ps 1.5 lc rgb "#3366aa" title "main, no failure", \
     base("wbtc_only") using (1):6:7:8 with yerrorbars lw 2 pt 4 ps 1.5 lc rgb "#aa3333" title "wbtc\\_only, no failure"
set yrange [*:*]
set ytics autofreq
set ylabel "bad debt (USD millions)"
set title "Mean bad debt with 95% intervals"
set key top right
plot rows("main") using 2:($12/1e6):($13/1e6):($14/1e6) with yerrorlines lw 2 pt 7 lc rgb "#3366aa" title "main", \
     rows("wbtc_only") using 2:($12/1e6):($13/1e6):($14/1e6) with yerrorlines lw 2 pt 5 lc rgb "#aa3333" title "wbtc\\_only", \
     base("main") using (1):($12/1e6):($13/1e6):($14/1e6) with yerrorbars lw 2 pt 6 ps 1.5 lc rgb "#3366aa" title "main, no failure", \
     base("wbtc_only") using (1):($12/1e6):($13/1e6):($14/1e6) with yerrorbars lw 2 pt 4 ps 1.5 lc rgb "#aa3333" title "wbtc\\_only, no failure"
unset multiplot
