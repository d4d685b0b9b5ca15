# P(run) against the ETH shock on the tokenomics scenario (run-token.sh): no bonus, the starting USD stay bonus,
# the optimised one, and the optimum's amounts fixed in the token. 200 paired replicates per point, 95% Wilson
# bars (results/token-*/estimates.csv). Redraw: gnuplot incentive-design-token.gp
set encoding utf8
set datafile separator comma
set xlabel 'ETH shock at tick 200 (fraction of the price)'
set ylabel 'P(run) within 200 hours of the shock'
set title 'Incentive design with the token in the loop: the optimised stay bonus' noenhanced
set yrange [0:1.02]
set xrange [0.13:0.42]
set grid lc rgb '#dddddd'
set key left top box
set linetype 1 lc rgb '#000000' lw 2 pt 7
set linetype 2 lc rgb '#999999' lw 2 pt 5 dt 2
set linetype 3 lc rgb '#0072B2' lw 2 pt 9
set linetype 4 lc rgb '#E69F00' lw 2 pt 13
r = 'results/'
do for [fmt in 'png svg'] {
    if (fmt eq 'png') { set terminal pngcairo noenhanced size 1300,760 font 'Sans,14'; set output 'incentive-design-token.png' }
    if (fmt eq 'svg') { set terminal svg noenhanced size 1300,760 font 'Sans,14'; set output 'incentive-design-token.svg' }
    plot r.'token-none/estimates.csv' every ::1 using (1-$1):4:5:6 with yerrorlines lt 1 title 'no bonus', \
         r.'token-start/estimates.csv' every ::1 using (1-$1):4:5:6 with yerrorlines lt 2 title 'starting package (USD)', \
         r.'token-optimum/estimates.csv' every ::1 using (1-$1):4:5:6 with yerrorlines lt 3 title 'optimised package (USD)', \
         r.'token-optimum-in-gov/estimates.csv' every ::1 using (1-$1):4:5:6 with yerrorlines lt 4 title 'optimised amounts fixed in GOV'
}
