# A stability pool of 0, 10 M and 30 M USD across ETH shocks (run.sh, part 4): P(run), mean bad debt and the
# mean lowest AMM price. results/stability.csv (200 replicates per point; 95% bars). Redraw: gnuplot stability-pool.gp
set encoding utf8
set datafile separator comma
set grid lc rgb '#dddddd'
set xrange [0.17:0.43]
set xlabel 'ETH shock at tick 200 (fraction of the price)'
set linetype 1 lc rgb '#000000' lw 2 pt 7
set linetype 2 lc rgb '#0072B2' lw 2 pt 9
set linetype 3 lc rgb '#D55E00' lw 2 pt 5
s = 'results/stability.csv'
do for [fmt in 'png svg'] {
    if (fmt eq 'png') { set terminal pngcairo noenhanced size 1300,1200 font 'Sans,14'; set output 'stability-pool.png' }
    if (fmt eq 'svg') { set terminal svg noenhanced size 1300,1200 font 'Sans,14'; set output 'stability-pool.svg' }
    set multiplot layout 3,1 title 'A stability pool absorbing liquidations before the keepers (no fire sale)' noenhanced
    set key left top box
    sel(size) = ($1 == size ? 1 - $2 : NaN)
    set ylabel 'P(run)'
    set yrange [0:1.02]
    plot s every ::1 using (sel(0)):4:5:6 with yerrorlines lt 1 title 'no pool', \
         s every ::1 using (sel(10)):4:5:6 with yerrorlines lt 2 title '10 M USD', \
         s every ::1 using (sel(30)):4:5:6 with yerrorlines lt 3 title '30 M USD'
    unset key
    set ylabel 'mean bad debt (M USD)'
    set yrange [0:*]
    plot s every ::1 using (sel(0)):($7/1e6):($8/1e6) with yerrorlines lt 1 notitle, \
         s every ::1 using (sel(10)):($7/1e6):($8/1e6) with yerrorlines lt 2 notitle, \
         s every ::1 using (sel(30)):($7/1e6):($8/1e6) with yerrorlines lt 3 notitle
    set ylabel 'mean lowest AMM price (USD)'
    set autoscale y
    plot s every ::1 using (sel(0)):9:10 with yerrorlines lt 1 notitle, \
         s every ::1 using (sel(10)):9:10 with yerrorlines lt 2 notitle, \
         s every ::1 using (sel(30)):9:10 with yerrorlines lt 3 notitle
    set key left top box
    unset multiplot
}
