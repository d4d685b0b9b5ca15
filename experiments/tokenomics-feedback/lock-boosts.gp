# Lock-up boosts across ETH shocks (run.sh, part 5): P(run) and the median delay from the shock to the run, without
# locks, with every term weighing alike, with Frax's multiplier up to 2.5, the same paid in USD, and terms up to four weeks. results/locks.csv
# (200 replicates per point; 95% bars), and one replicate's withdrawn and locked shares over time. Redraw: gnuplot lock-boosts.gp
set encoding utf8
set datafile separator comma
set grid lc rgb '#dddddd'
set xrange [0.12:0.43]
set xlabel 'ETH shock at tick 200 (fraction of the price)'
set linetype 1 lc rgb '#000000' lw 2 pt 7
set linetype 2 lc rgb '#009E73' lw 2 pt 9
set linetype 3 lc rgb '#0072B2' lw 2 pt 5
set linetype 4 lc rgb '#D55E00' lw 2 pt 13
set linetype 5 lc rgb '#CC79A7' lw 2 pt 11
s = 'results/locks.csv'
do for [fmt in 'png svg'] {
    if (fmt eq 'png') { set terminal pngcairo noenhanced size 1300,1400 font 'Sans,14'; set output 'lock-boosts.png' }
    if (fmt eq 'svg') { set terminal svg noenhanced size 1300,1400 font 'Sans,14'; set output 'lock-boosts.svg' }
    set multiplot layout 3,1 title 'Lock-up boosts: 5,000 USD an hour shared by lock weight (terms up to two weeks)' noenhanced
    set key left top box
    sel(v) = (strcol(1) eq v ? 1 - $2 : NaN)
    set ylabel 'P(run within 200 hours)'
    set yrange [0:1.02]
    plot s every ::1 using (sel('locks-off')):4:5:6 with yerrorlines lt 1 title 'no locks', \
         s every ::1 using (sel('locks-flat')):4:5:6 with yerrorlines lt 2 title 'locks, no boost (every term weighs 1)', \
         s every ::1 using (sel('locks-boost')):4:5:6 with yerrorlines lt 3 title 'locks, boost up to 2.5 (paid in GOV)', \
         s every ::1 using (sel('locks-usd')):4:5:6 with yerrorlines lt 4 title 'locks, boost up to 2.5 (paid in USD)', \
         s every ::1 using (sel('locks-long')):4:5:6 with yerrorlines lt 5 title 'locks, boost up to 2.5 at four weeks'
    set ylabel 'median hours from the shock to the run'
    set yrange [0:*]
    unset key
    plot s every ::1 using (sel('locks-off')):($11 - 200) with linespoints lt 1 notitle, \
         s every ::1 using (sel('locks-flat')):($11 - 200) with linespoints lt 2 notitle, \
         s every ::1 using (sel('locks-boost')):($11 - 200) with linespoints lt 3 notitle, \
         s every ::1 using (sel('locks-usd')):($11 - 200) with linespoints lt 4 notitle, \
         s every ::1 using (sel('locks-long')):($11 - 200) with linespoints lt 5 notitle
    set key left center box
    set xrange [0:400]
    set xlabel 'tick (hours); the ETH shock of 30% at tick 200, replicate 13'
    set ylabel 'share of D0'
    plot 'results/path-locks-off/series.csv' every ::1 using 1:6 with lines lt 1 title 'withdrawn, no locks', \
         'results/path-locks-boost/series.csv' every ::1 using 1:6 with lines lt 3 title 'withdrawn, locks with boost', \
         'results/path-locks-boost/incentives.csv' every ::1 using 1:17 with lines lt 3 dt 2 title 'under lock'
    set xrange [0.12:0.43]
    set xlabel 'ETH shock at tick 200 (fraction of the price)'
    unset multiplot
}
