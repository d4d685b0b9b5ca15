# One replicate (13, the first whose run differs) at a 30% ETH shock (run.sh, part 2): the token's pool price and the withdrawn fraction,
# with the stay bonus fixed in the token and paid in USD. results/path-*/incentives.csv and series.csv.
set encoding utf8
set datafile separator comma
set grid lc rgb '#dddddd'
set key left bottom box
set xrange [0:400]
set linetype 1 lc rgb '#E69F00' lw 2
set linetype 2 lc rgb '#0072B2' lw 2
set linetype 3 lc rgb '#000000' lw 1 dt 2
r = 'results/'
do for [fmt in 'png svg'] {
    if (fmt eq 'png') { set terminal pngcairo noenhanced size 1300,900 font 'Sans,14'; set output 'price-path.png' }
    if (fmt eq 'svg') { set terminal svg noenhanced size 1300,900 font 'Sans,14'; set output 'price-path.svg' }
    set multiplot layout 2,1 title 'Replicate 13, ETH × 0.7 at tick 200: the token and the deposits' noenhanced
    set ylabel 'GOV pool price (USD)'
    set xlabel ''
    set yrange [0:*]
    set arrow 1 from 200, graph 0 to 200, graph 1 nohead lt 3
    plot r.'path-token/incentives.csv' every ::1 using 1:2 with lines lt 1 title 'bonus fixed in the token', \
         r.'path-usd/incentives.csv' every ::1 using 1:2 with lines lt 2 title 'bonus paid in USD'
    set ylabel 'withdrawn fraction of D_0'
    set xlabel 'tick (hours)'
    set yrange [0:1.02]
    set key left top box
    plot r.'path-token/series.csv' every ::1 using 1:6 with lines lt 1 title 'bonus fixed in the token', \
         r.'path-usd/series.csv' every ::1 using 1:6 with lines lt 2 title 'bonus paid in USD'
    unset multiplot
}
