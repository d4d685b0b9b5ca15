# P(run) against the ETH shock on the reference model, one curve per depositor behaviour (run-reference.sh).
# Points: 200 paired replicates each with 95% Wilson bars (results/reference/*/estimates.csv). Redraw: gnuplot reference.gp
set encoding utf8
set datafile separator comma
set xlabel 'ETH shock at tick 200 (fraction of the price)'
set ylabel 'P(run) = P(withdrawn fraction ≥ 0.5)'
set title 'Depositor behaviours on the reference model (balance-sheet run game, 400 ticks)' noenhanced
set yrange [0:1.02]
set xrange [0.08:0.47]
set grid lc rgb '#dddddd'
set key outside right top box
set linetype 1 lc rgb '#000000' lw 2 pt 7
set linetype 2 lc rgb '#999999' lw 2 pt 5 dt 2
set linetype 3 lc rgb '#E69F00' lw 2 pt 13
set linetype 4 lc rgb '#D55E00' lw 2 pt 9
set linetype 5 lc rgb '#56B4E9' lw 2 pt 11
set linetype 6 lc rgb '#0072B2' lw 2 pt 4
set linetype 7 lc rgb '#009E73' lw 2 pt 6
set linetype 8 lc rgb '#CC79A7' lw 2 pt 8
set linetype 9 lc rgb '#F0E442' lw 2 pt 10
set linetype 10 lc rgb '#882255' lw 2 pt 12
set linetype 11 lc rgb '#44AA99' lw 2 pt 3
set linetype 12 lc rgb '#AA4499' lw 2 pt 2
# estimates.csv columns: [by,] market.shock.size, replicates, runs, p_run, wilson_lo, wilson_hi, ...
r = 'results/reference/'
do for [fmt in 'png svg'] {
    if (fmt eq 'png') { set terminal pngcairo noenhanced size 1500,820 font 'Sans,14'; set output 'reference.png' }
    if (fmt eq 'svg') { set terminal svg noenhanced size 1500,820 font 'Sans,14'; set output 'reference.svg' }
    plot r.'nash/estimates.csv' every ::1 using 1:4:5:6 with yerrorlines lt 1 title 'Nash (x*)', \
         r.'herding/estimates.csv' every ::1 using 1:4:5:6 with yerrorlines lt 2 title 'herding (heuristic rule)', \
         r.'quantal/estimates.csv' every ::1 using 2:($1==3 ? $5 : NaN):6:7 with yerrorlines lt 3 title 'quantal, λ = 3', \
         r.'quantal/estimates.csv' every ::1 using 2:($1==5 ? $5 : NaN):6:7 with yerrorlines lt 12 title 'quantal, λ = 5', \
         r.'quantal/estimates.csv' every ::1 using 2:($1==10 ? $5 : NaN):6:7 with yerrorlines lt 4 title 'quantal, λ = 10', \
         r.'level-k/estimates.csv' every ::1 using 2:($1==1 ? $5 : NaN):6:7 with yerrorlines lt 5 title 'level 1 (level 0 always runs)', \
         r.'level-k/estimates.csv' every ::1 using 2:($1==2 ? $5 : NaN):6:7 with yerrorlines lt 6 title 'level 2 (always runs)', \
         r.'level-k-never/estimates.csv' every ::1 using 2:($1==1 ? $5 : NaN):6:7 with yerrorlines lt 7 title 'level 1 (level 0 never runs)', \
         r.'level-k-never/estimates.csv' every ::1 using 2:($1==2 ? $5 : NaN):6:7 with yerrorlines lt 8 title 'level 2 (never runs)', \
         r.'learning/estimates.csv' every ::1 using 2:($1==1 ? $5 : NaN):6:7 with yerrorlines lt 9 title 'fictitious play, episode 1', \
         r.'learning/estimates.csv' every ::1 using 2:($1==20 ? $5 : NaN):6:7 with yerrorlines lt 10 title 'fictitious play, episode 20', \
         r.'mix/estimates.csv' every ::1 using 1:4:5:6 with yerrorlines lt 11 title 'mix: ½ herding, ½ Nash'
    unset output
}
