"""Vietnamese as clerks write it: numbers (1.972), dates, periods (quý II năm 2018), text cleaned to NFC.
The bottom of model/: imports only the standard library and model.errors.
"""
