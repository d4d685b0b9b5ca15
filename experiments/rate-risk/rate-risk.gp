# One replicate of rate-risk.yaml, with the wall of term deposits at tick 500 and with it moved to 3000.
# Run from this folder:  gnuplot rate-risk.gp   (reads run-wall-500/ and run-wall-3000/series.csv)
set terminal pngcairo size 1000,1050 font "sans,10"
set output "rate-risk.png"
set datafile separator ","
set key autotitle columnhead
set multiplot layout 3,1 title "Rate risk and a maturity wall (rate-risk.yaml, replicate 0)"
set grid
set xrange [0:1000]
set arrow 1 from 300, graph 0 to 300, graph 1 nohead dt 2 lc rgb "#777777"
set arrow 2 from 450, graph 0 to 450, graph 1 nohead dt 2 lc rgb "#777777"
set arrow 3 from 500, graph 0 to 500, graph 1 nohead dt 2 lc rgb "#aa3333"
set label 1 "+200 bp" at 305, graph 0.92
set label 2 "ETH −30%" at 455, graph 0.92
set label 3 "wall due" at 505, graph 0.80 tc rgb "#aa3333"
set ylabel "LCR (168-tick horizon)"
set yrange [0:3]
plot "run-wall-500/series.csv" using 1:11 with lines lw 2 lc rgb "#aa3333" title "wall at tick 500", \
     "run-wall-3000/series.csv" using 1:11 with lines lw 2 lc rgb "#3366aa" title "wall moved to tick 3000"
unset label
set yrange [*:*]
set ylabel "USD (millions)"
plot "run-wall-500/series.csv" using 1:($4/1e6) with lines lw 2 lc rgb "#aa3333" title "reserve, wall at 500", \
     "run-wall-500/series.csv" using 1:($5/1e6) with lines lw 2 dt 3 lc rgb "#aa3333" title "queue, wall at 500", \
     "run-wall-3000/series.csv" using 1:($4/1e6) with lines lw 2 lc rgb "#3366aa" title "reserve, wall at 3000", \
     "run-wall-3000/series.csv" using 1:($5/1e6) with lines lw 2 dt 3 lc rgb "#3366aa" title "queue, wall at 3000"
set ylabel "economic value of equity (USD millions)"
set y2label "duration gap (years)"
set y2tics
set xlabel "tick (hours)"
plot "run-wall-3000/series.csv" using 1:($14/1e6) with lines lw 2 lc rgb "#3366aa" title "EVE, wall at 3000", \
     "run-wall-3000/series.csv" using 1:13 axes x1y2 with lines lw 2 lc rgb "#33aa66" title "duration gap (right axis)"
unset multiplot
