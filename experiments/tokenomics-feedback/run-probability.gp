# P(run) against the ETH shock with the protocol's token in the loop (run.sh, part 1): the stay bonus paid in
# the token, in USD, or not at all, and depositors who read the token's fall as a warning (token_sensitivity).
# Points: 200 paired replicates each, 95% Wilson bars (results/*/estimates.csv). Redraw: gnuplot run-probability.gp
set encoding utf8
set datafile separator comma
set xlabel 'ETH shock at tick 200 (fraction of the price)'
set ylabel 'P(run) within 200 hours of the shock'
set title 'The native token in the loop: a stay bonus in the token, in USD, or none' noenhanced
set yrange [0:1.02]
set xrange [0.13:0.42]
set grid lc rgb '#dddddd'
set key left top box
set linetype 1 lc rgb '#000000' lw 2 pt 7
set linetype 2 lc rgb '#0072B2' lw 2 pt 5
set linetype 3 lc rgb '#E69F00' lw 2 pt 9
set linetype 4 lc rgb '#D55E00' lw 2 pt 13
set linetype 5 lc rgb '#999999' lw 2 pt 4 dt 2
r = 'results/'
do for [fmt in 'png svg'] {
    if (fmt eq 'png') { set terminal pngcairo noenhanced size 1300,760 font 'Sans,14'; set output 'run-probability.png' }
    if (fmt eq 'svg') { set terminal svg noenhanced size 1300,760 font 'Sans,14'; set output 'run-probability.svg' }
    plot r.'none/estimates.csv' every ::1 using (1-$1):4:5:6 with yerrorlines lt 1 title 'no bonus', \
         r.'usd/estimates.csv' every ::1 using (1-$1):4:5:6 with yerrorlines lt 2 title 'stay bonus paid in USD', \
         r.'token/estimates.csv' every ::1 using (1-$1):4:5:6 with yerrorlines lt 3 title 'the same bonus fixed in the token', \
         r.'token-sensitive/estimates.csv' every ::1 using (1-$1):4:5:6 with yerrorlines lt 4 title 'in the token, depositors watching its price', \
         r.'none-sensitive/estimates.csv' every ::1 using (1-$1):4:5:6 with yerrorlines lt 5 title 'no bonus, depositors watching its price'
}
